with source as (

    select * from {{ source('reference', 'puntos_atencion') }}

),

final as (

    select
        cast(codigo_punto as varchar) as codigo_punto,
        cast(nombre as varchar) as nombre,
        cast(ciudad as varchar) as ciudad,
        cast(departamento as varchar) as departamento,
        cast(tipo as varchar) as tipo,
        coalesce(cast(sede_central as boolean), false) as sede_central,
        cast(fecha_apertura as date) as fecha_apertura,
        cast(fecha_cierre as date) as fecha_cierre
    from source

)

select * from final
