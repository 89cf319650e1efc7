-- Indicators `interactions` (all five channels, a count) and
-- `first_contact_resolution` (presencial, telefonico, whatsapp: resolved at
-- first contact over attended interactions).

with interactions_monthly as (

    select * from {{ ref('int_interactions_monthly') }}

),

interactions as (

    select
        month,
        channel,
        'interactions' as indicator,
        interactions as numerator,
        cast(null as bigint) as denominator
    from interactions_monthly

),

first_contact_resolution as (

    select
        month,
        channel,
        'first_contact_resolution' as indicator,
        resolved_first_contact as numerator,
        first_contact_tracked as denominator
    from interactions_monthly
    where channel in ('presencial', 'telefonico', 'whatsapp')
        and first_contact_tracked > 0

),

final as (

    select * from interactions
    union all
    select * from first_contact_resolution

)

select * from final
