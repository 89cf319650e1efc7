-- Attended interactions per month and channel, plus `total` (presencial +
-- telefonico + virtual; WhatsApp is reported beside it, not inside it).
-- A channel has a row in every month where its source has any record, even
-- if nothing was attended (e.g. only unanswered calls: 0 interactions).

with interactions as (

    select * from {{ ref('int_interactions') }}

),

calls as (

    select * from {{ ref('int_calls') }}

),

channel_months as (

    select distinct month, channel from interactions
    union
    select distinct month, 'telefonico' as channel from calls

),

per_channel as (

    select
        channel_months.month,
        channel_months.channel,
        cast(coalesce(sum(interactions.interaction_count), 0) as bigint) as interactions,
        count(interactions.interaction_id)
            filter (where interactions.tracks_first_contact) as first_contact_tracked,
        count(interactions.interaction_id)
            filter (where interactions.is_resolved_first_contact) as resolved_first_contact
    from channel_months
    left join interactions
        on channel_months.month = interactions.month
        and channel_months.channel = interactions.channel
    group by channel_months.month, channel_months.channel

),

total as (

    select
        month,
        'total' as channel,
        cast(sum(interactions) as bigint) as interactions,
        cast(null as bigint) as first_contact_tracked,
        cast(null as bigint) as resolved_first_contact
    from per_channel
    where channel in ('presencial', 'telefonico', 'virtual')
    group by month

),

final as (

    select * from per_channel
    union all
    select * from total

)

select * from final
