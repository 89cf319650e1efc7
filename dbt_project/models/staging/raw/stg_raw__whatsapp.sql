with source as (

    select * from {{ source('raw', 'whatsapp') }}

),

final as (

    select
        cast(conversation_id as varchar) as conversation_id,
        cast(started_at as timestamp) as started_at,
        cast(ended_at as timestamp) as ended_at,
        cast(phone_hash as varchar) as phone_hash,
        cast(handed_to_agent as boolean) as handed_to_agent,
        cast(effective as boolean) as effective,
        cast(resolved_first_contact as boolean) as resolved_first_contact,
        cast(closed_by_inactivity as boolean) as closed_by_inactivity,
        cast(month as date) as month,
        cast(source_file as varchar) as source_file,
        cast(source_row as bigint) as source_row,
        cast(loaded_at as timestamp) as loaded_at
    from source

)

select * from final
