{{
    config(
        materialized='incremental',
        incremental_strategy='replace_months',
        on_schema_change='fail'
    )
}}

-- How many raters gave each score 1-5, per month, survey channel and
-- question (a question nobody answered in a channel and month has no row).

with ratings as (

    select * from {{ ref('int_survey_ratings') }}
    where {{ incremental_month_filter('month') }}

),

final as (

    select
        month,
        channel,
        question,
        pregunta,
        count(*) filter (where score = 1) as score_1,
        count(*) filter (where score = 2) as score_2,
        count(*) filter (where score = 3) as score_3,
        count(*) filter (where score = 4) as score_4,
        count(*) filter (where score = 5) as score_5,
        count(*) as raters,
        count(*) filter (where is_top_box) as top_box_raters
    from ratings
    group by month, channel, question, pregunta

)

select * from final
