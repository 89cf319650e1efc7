with source as (

    select * from {{ source('raw', 'presencial') }}

),

final as (

    select
        cast(id_atencion as varchar) as id_atencion,
        cast(fecha_hora as timestamp) as fecha_hora,
        cast(codigo_punto as varchar) as codigo_punto,
        cast(tipo_documento as varchar) as tipo_documento,
        cast(numero_documento_hash as varchar) as numero_documento_hash,
        cast(nombre_hash as varchar) as nombre_hash,
        cast(tipo_usuario as varchar) as tipo_usuario,
        cast(tema as varchar) as tema,
        cast(solucion_primer_contacto as boolean) as solucion_primer_contacto,
        cast(servidor as varchar) as servidor,
        cast(month as date) as month,
        cast(source_file as varchar) as source_file,
        cast(source_row as bigint) as source_row,
        cast(loaded_at as timestamp) as loaded_at
    from source

)

select * from final
