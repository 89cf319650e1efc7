with source as (

    select * from {{ source('raw', 'emails') }}

),

final as (

    select
        cast(fecha as date) as fecha,
        cast(buzon as varchar) as buzon,
        cast(sentido as varchar) as sentido,
        cast(cantidad as bigint) as cantidad,
        cast(month as date) as month,
        cast(source_file as varchar) as source_file,
        cast(source_row as bigint) as source_row,
        cast(loaded_at as timestamp) as loaded_at
    from source

)

select * from final
