with source as (

    select * from {{ source('raw', 'calls') }}

),

final as (

    select
        cast(id_llamada as varchar) as id_llamada,
        cast(linea as varchar) as linea,
        cast(sentido as varchar) as sentido,
        cast(fecha_inicio as timestamp) as fecha_inicio,
        cast(fecha_atencion as timestamp) as fecha_atencion,
        cast(fecha_fin as timestamp) as fecha_fin,
        cast(agente as varchar) as agente,
        cast(numero_hash as varchar) as numero_hash,
        cast(tema as varchar) as tema,
        cast(solucion_primer_contacto as boolean) as solucion_primer_contacto,
        cast(month as date) as month,
        cast(source_file as varchar) as source_file,
        cast(source_row as bigint) as source_row,
        cast(loaded_at as timestamp) as loaded_at
    from source

)

select * from final
