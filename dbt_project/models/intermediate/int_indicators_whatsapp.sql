-- WhatsApp indicators over all conversations of the month:
-- `whatsapp_effective_queries` (the user's query was answered) and
-- `whatsapp_agent_handoff` (handed to a human agent).

with conversations as (

    select * from {{ ref('int_conversations') }}

),

monthly as (

    select
        month,
        count(*) as conversations,
        count(*) filter (where is_effective) as effective,
        count(*) filter (where is_handed_to_agent) as handed_to_agent
    from conversations
    group by month

),

final as (

    select
        month,
        'whatsapp' as channel,
        'whatsapp_effective_queries' as indicator,
        effective as numerator,
        conversations as denominator
    from monthly
    union all
    select
        month,
        'whatsapp' as channel,
        'whatsapp_agent_handoff' as indicator,
        handed_to_agent as numerator,
        conversations as denominator
    from monthly

)

select * from final
