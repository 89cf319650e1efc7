{{
    config(
        materialized='incremental',
        incremental_strategy='replace_months',
        on_schema_change='fail'
    )
}}

-- Presencial visits per month and point of attention (a point without
-- visits in a month has no row). `tipo` is the class the indicators use:
-- the central office is reported as PAR.

with visits as (

    select * from {{ ref('int_visits') }}
    where {{ incremental_month_filter('month') }}

),

final as (

    select
        cast(month as date) as month,
        codigo_punto,
        nombre_punto as nombre,
        ciudad,
        point_class as tipo,
        count(*) as visits,
        count(*) filter (where is_resolved_first_contact) as resolved_first_contact
    from visits
    group by month, codigo_punto, nombre_punto, ciudad, point_class

)

select * from final
