with source as (

    select * from {{ source('raw', 'encuestas') }}

),

final as (

    select
        cast(id_respuesta as varchar) as id_respuesta,
        cast(fecha as timestamp) as fecha,
        cast(canal as varchar) as canal,
        cast(satisfaccion as integer) as satisfaccion,
        cast(percepcion as integer) as percepcion,
        cast(confianza as integer) as confianza,
        cast(month as date) as month,
        cast(source_file as varchar) as source_file,
        cast(source_row as bigint) as source_row,
        cast(loaded_at as timestamp) as loaded_at
    from source

)

select * from final
