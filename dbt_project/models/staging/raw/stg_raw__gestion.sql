with source as (

    select * from {{ source('raw', 'gestion') }}

),

final as (

    select
        cast(month as date) as month,
        cast(indicador as varchar) as indicador,
        cast(valor as double) as valor,
        cast(nota as varchar) as nota,
        cast(source_file as varchar) as source_file,
        cast(source_row as bigint) as source_row,
        cast(loaded_at as timestamp) as loaded_at
    from source

)

select * from final
