{{
    config(
        materialized='incremental',
        incremental_strategy='replace_months',
        on_schema_change='fail'
    )
}}

-- Calls per month, line, direction and hour of the day they entered the
-- queue or were dialled (Bogotá local time), answered or not.

with calls as (

    select * from {{ ref('int_calls') }}
    where {{ incremental_month_filter('month') }}

),

final as (

    select
        month,
        linea,
        sentido,
        hour_of_day,
        count(*) as calls,
        count(*) filter (where is_attended) as attended_calls,
        count(*) filter (where is_resolved_first_contact) as resolved_first_contact,
        cast(avg(wait_seconds) as double) as avg_wait_seconds,
        cast(avg(handle_seconds) as double) as avg_handle_seconds
    from calls
    group by month, linea, sentido, hour_of_day

)

select * from final
