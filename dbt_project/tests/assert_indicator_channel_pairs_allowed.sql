-- Only the channel/indicator pairs of the contract appear, with the right kind
-- (counts have no denominator, rates have one).

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}

),

catalog as (

    select * from ({{ anm_indicator_catalog_values() }}) as c (indicator, channel, kind)

),

final as (

    select indicators_monthly.*, catalog.kind
    from indicators_monthly
    left join catalog
        on indicators_monthly.indicator = catalog.indicator
        and indicators_monthly.channel = catalog.channel
    where catalog.kind is null
        or (catalog.kind = 'count') <> (indicators_monthly.denominator is null)

)

select * from final
