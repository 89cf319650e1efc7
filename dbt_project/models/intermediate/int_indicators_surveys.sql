-- Survey indicators, per channel with responses and `total` (pooling
-- presencial, telefonico and virtual; WhatsApp is not in the total):
--   satisfaction / perception / trust: raters scoring 4-5 over raters of
--     that question (top-2-box); a row when the question has raters;
--   <question>_response_rate: raters of that question over interactions of
--     the channel; a row when the channel has responses that month and
--     interactions > 0 (a question nobody answered gives 0);
--   consolidated_satisfaction (total only): scores 4-5 over all ratings of
--     the three questions.

with ratings as (

    select * from {{ ref('int_survey_ratings') }}

),

interactions_monthly as (

    select * from {{ ref('int_interactions_monthly') }}

),

questions as (

    select question
    from (values ('satisfaction'), ('perception'), ('trust')) as q (question)

),

by_channel as (

    select
        month,
        channel,
        question,
        count(*) as raters,
        count(*) filter (where is_top_box) as top_box_raters
    from ratings
    group by month, channel, question

),

pooled as (

    select
        month,
        'total' as channel,
        question,
        cast(sum(raters) as bigint) as raters,
        cast(sum(top_box_raters) as bigint) as top_box_raters
    from by_channel
    where channel in ('presencial', 'telefonico', 'virtual')
    group by month, question

),

question_stats as (

    select * from by_channel
    union all
    select * from pooled

),

channel_months as (

    select distinct month, channel from question_stats

),

top_box as (

    select
        month,
        channel,
        question as indicator,
        top_box_raters as numerator,
        raters as denominator
    from question_stats

),

response_rates as (

    select
        channel_months.month,
        channel_months.channel,
        questions.question || '_response_rate' as indicator,
        coalesce(question_stats.raters, 0) as numerator,
        interactions_monthly.interactions as denominator
    from channel_months
    cross join questions
    inner join interactions_monthly
        on channel_months.month = interactions_monthly.month
        and channel_months.channel = interactions_monthly.channel
    left join question_stats
        on channel_months.month = question_stats.month
        and channel_months.channel = question_stats.channel
        and questions.question = question_stats.question
    where interactions_monthly.interactions > 0

),

consolidated as (

    select
        month,
        'total' as channel,
        'consolidated_satisfaction' as indicator,
        cast(sum(top_box_raters) as bigint) as numerator,
        cast(sum(raters) as bigint) as denominator
    from pooled
    group by month

),

final as (

    select * from top_box
    union all
    select * from response_rates
    union all
    select * from consolidated

)

select * from final
