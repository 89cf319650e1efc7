-- Virtual-channel indicators: `emails_in` (received) and `emails_out` (sent).

with emails as (

    select * from {{ ref('stg_raw__emails') }}

),

monthly as (

    select
        month,
        cast(coalesce(sum(cantidad) filter (where sentido = 'entrada'), 0) as bigint) as received,
        cast(coalesce(sum(cantidad) filter (where sentido = 'salida'), 0) as bigint) as sent
    from emails
    group by month

),

final as (

    select
        month,
        'virtual' as channel,
        'emails_in' as indicator,
        received as numerator,
        cast(null as bigint) as denominator
    from monthly
    union all
    select
        month,
        'virtual' as channel,
        'emails_out' as indicator,
        sent as numerator,
        cast(null as bigint) as denominator
    from monthly

)

select * from final
