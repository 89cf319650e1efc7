{{
    config(
        materialized='incremental',
        incremental_strategy='replace_months',
        on_schema_change='fail'
    )
}}

-- The team's own monthly tallies (gestion/) with the catalogue's description
-- and unit, for the report's "gestión" slides.

with tallies as (

    select * from {{ ref('stg_raw__gestion') }}
    where {{ incremental_month_filter('month') }}

),

catalogue as (

    select * from {{ ref('stg_reference__indicadores_gestion') }}

),

final as (

    select
        tallies.month,
        tallies.indicador,
        catalogue.descripcion,
        catalogue.unidad,
        tallies.valor,
        tallies.nota
    from tallies
    left join catalogue
        on tallies.indicador = catalogue.indicador

)

select * from final
