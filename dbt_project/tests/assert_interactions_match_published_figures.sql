{{ config(meta={'dagster': {'ref': {'name': 'indicators_monthly'}}}) }}

{{ config(severity='warn') }}

-- Interactions per month and channel equal the officially published figures
-- (reference.cifras_publicadas) for the months present in both. A warning:
-- the published figures are a reference to reconcile with, not a rule of the
-- data. The Python checks report the same comparison in detail.

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}

),

published as (

    select * from {{ ref('stg_reference__cifras_publicadas') }}

),

interactions as (

    select month, channel, numerator as interactions
    from indicators_monthly
    where indicator = 'interactions'
        and channel in ('presencial', 'telefonico', 'virtual')

),

final as (

    select
        published.month,
        published.canal as channel,
        published.interacciones as published_interactions,
        interactions.interactions
    from published
    inner join (select distinct month from indicators_monthly) as months_built
        on published.month = months_built.month
    left join interactions
        on published.month = interactions.month
        and published.canal = interactions.channel
    where interactions.interactions is distinct from published.interacciones

)

select * from final
