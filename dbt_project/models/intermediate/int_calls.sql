-- One row per call, with the flags every call indicator is built from.
-- A call is attended when fecha_atencion is present (either direction).

with calls as (

    select * from {{ ref('stg_raw__calls') }}

),

final as (

    select
        id_llamada,
        month,
        linea,
        sentido,
        fecha_inicio,
        fecha_atencion,
        fecha_fin,
        agente,
        tema,
        sentido = 'entrante' as is_inbound,
        fecha_atencion is not null as is_attended,
        fecha_atencion is not null
            and coalesce(solucion_primer_contacto, false) as is_resolved_first_contact,
        cast(extract(hour from fecha_inicio) as integer) as hour_of_day,
        case
            when fecha_atencion is not null
                then date_diff('second', fecha_inicio, fecha_atencion)
        end as wait_seconds,
        case
            when fecha_atencion is not null and fecha_fin is not null
                then date_diff('second', fecha_atencion, fecha_fin)
        end as handle_seconds
    from calls

)

select * from final
