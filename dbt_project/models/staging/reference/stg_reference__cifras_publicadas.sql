with source as (

    select * from {{ source('reference', 'cifras_publicadas') }}

),

final as (

    select
        cast(anio as integer) as anio,
        cast(mes as integer) as mes,
        cast(make_date(cast(anio as integer), cast(mes as integer), 1) as date) as month,
        cast(canal as varchar) as canal,
        cast(interacciones as bigint) as interacciones
    from source

)

select * from final
