-- Telephone indicators: `calls_inbound` (inbound calls offered, answered or
-- not) and `calls_answer_rate` (inbound answered over inbound offered).

with calls as (

    select * from {{ ref('int_calls') }}

),

monthly as (

    select
        month,
        count(*) filter (where is_inbound) as inbound_offered,
        count(*) filter (where is_inbound and is_attended) as inbound_answered
    from calls
    group by month

),

calls_inbound as (

    select
        month,
        'telefonico' as channel,
        'calls_inbound' as indicator,
        inbound_offered as numerator,
        cast(null as bigint) as denominator
    from monthly

),

calls_answer_rate as (

    select
        month,
        'telefonico' as channel,
        'calls_answer_rate' as indicator,
        inbound_answered as numerator,
        inbound_offered as denominator
    from monthly
    where inbound_offered > 0

),

final as (

    select * from calls_inbound
    union all
    select * from calls_answer_rate

)

select * from final
