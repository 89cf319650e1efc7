with source as (

    select * from {{ source('reference', 'indicadores_gestion') }}

),

final as (

    select
        cast(indicador as varchar) as indicador,
        cast(descripcion as varchar) as descripcion,
        cast(unidad as varchar) as unidad
    from source

)

select * from final
