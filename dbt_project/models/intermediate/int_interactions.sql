-- The attended-interaction grain across channels: one row per presencial
-- visit, attended call (both directions) and WhatsApp conversation; e-mails
-- only exist as daily counts, so they come as one row per day, mailbox and
-- direction with interaction_count = cantidad.

with visits as (

    select * from {{ ref('int_visits') }}

),

calls as (

    select * from {{ ref('int_calls') }}

),

conversations as (

    select * from {{ ref('int_conversations') }}

),

emails as (

    select * from {{ ref('stg_raw__emails') }}

),

visit_interactions as (

    select
        'presencial' as channel,
        month,
        id_atencion as interaction_id,
        cast(fecha_hora as date) as interaction_date,
        fecha_hora as interaction_at,
        point_class as interaction_type,
        cast(1 as bigint) as interaction_count,
        true as tracks_first_contact,
        is_resolved_first_contact
    from visits

),

call_interactions as (

    select
        'telefonico' as channel,
        month,
        id_llamada as interaction_id,
        cast(fecha_inicio as date) as interaction_date,
        fecha_inicio as interaction_at,
        sentido as interaction_type,
        cast(1 as bigint) as interaction_count,
        true as tracks_first_contact,
        is_resolved_first_contact
    from calls
    where is_attended

),

conversation_interactions as (

    select
        'whatsapp' as channel,
        month,
        conversation_id as interaction_id,
        cast(started_at as date) as interaction_date,
        started_at as interaction_at,
        case when is_handed_to_agent then 'agente' else 'bot' end as interaction_type,
        cast(1 as bigint) as interaction_count,
        true as tracks_first_contact,
        is_resolved_first_contact
    from conversations

),

email_interactions as (

    select
        'virtual' as channel,
        month,
        strftime(fecha, '%Y-%m-%d') || '|' || buzon || '|' || sentido as interaction_id,
        fecha as interaction_date,
        cast(null as timestamp) as interaction_at,
        sentido as interaction_type,
        cantidad as interaction_count,
        false as tracks_first_contact,
        cast(null as boolean) as is_resolved_first_contact
    from emails

),

final as (

    select * from visit_interactions
    union all
    select * from call_interactions
    union all
    select * from conversation_interactions
    union all
    select * from email_interactions

)

select * from final
