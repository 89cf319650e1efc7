-- emails_in + emails_out = virtual interactions, every month.

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}

),

by_month as (

    select
        month,
        sum(numerator) filter (where indicator = 'interactions') as virtual_interactions,
        sum(numerator) filter (where indicator in ('emails_in', 'emails_out')) as emails
    from indicators_monthly
    where channel = 'virtual'
    group by month

),

final as (

    select * from by_month
    where emails is distinct from virtual_interactions

)

select * from final
