{{
    config(
        materialized='incremental',
        incremental_strategy='replace_months',
        on_schema_change='fail'
    )
}}

-- Presencial visits per month, user type and topic. A missing user type or
-- topic is reported as '(sin dato)' so every visit is counted.

with visits as (

    select * from {{ ref('int_visits') }}
    where {{ incremental_month_filter('month') }}

),

final as (

    select
        month,
        coalesce(tipo_usuario, '(sin dato)') as tipo_usuario,
        coalesce(tema, '(sin dato)') as tema,
        count(*) as visits,
        count(*) filter (where is_resolved_first_contact) as resolved_first_contact
    from visits
    group by month, coalesce(tipo_usuario, '(sin dato)'), coalesce(tema, '(sin dato)')

)

select * from final
