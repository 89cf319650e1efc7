-- One row per WhatsApp conversation, flags read as false when missing.

with conversations as (

    select * from {{ ref('stg_raw__whatsapp') }}

),

final as (

    select
        conversation_id,
        month,
        started_at,
        ended_at,
        coalesce(handed_to_agent, false) as is_handed_to_agent,
        coalesce(effective, false) as is_effective,
        coalesce(resolved_first_contact, false) as is_resolved_first_contact,
        coalesce(closed_by_inactivity, false) as is_closed_by_inactivity
    from conversations

)

select * from final
