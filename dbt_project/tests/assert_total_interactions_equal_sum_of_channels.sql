-- interactions total = presencial + telefonico + virtual, every month (WhatsApp is not in the total).

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}

),

interactions as (

    select * from indicators_monthly
    where indicator = 'interactions'

),

by_month as (

    select
        month,
        sum(numerator) filter (where channel in ('presencial', 'telefonico', 'virtual')) as sum_of_channels,
        sum(numerator) filter (where channel = 'total') as total
    from interactions
    group by month

),

final as (

    select * from by_month
    where total is distinct from sum_of_channels

)

select * from final
