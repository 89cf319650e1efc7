-- One row per front-desk visit, with its point of attention. point_class is
-- the class the indicators use: the central office counts as a PAR whatever
-- its `tipo`; other points keep their `tipo` (PAR or PAL).

with visits as (

    select * from {{ ref('stg_raw__presencial') }}

),

points as (

    select * from {{ ref('stg_reference__puntos_atencion') }}

),

final as (

    select
        visits.id_atencion,
        visits.month,
        visits.fecha_hora,
        visits.codigo_punto,
        points.nombre as nombre_punto,
        points.ciudad,
        points.departamento,
        points.tipo as tipo_punto,
        points.sede_central,
        case when points.sede_central then 'PAR' else points.tipo end as point_class,
        visits.tipo_documento,
        visits.tipo_usuario,
        visits.tema,
        coalesce(visits.solucion_primer_contacto, false) as is_resolved_first_contact,
        visits.servidor
    from visits
    left join points
        on visits.codigo_punto = points.codigo_punto

)

select * from final
