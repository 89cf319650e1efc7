-- Survey answers in long form: one row per response and question answered
-- (a response that skipped a question has no row for it). Top-2-box: a score
-- of 4 or 5.

with responses as (

    select * from {{ ref('stg_raw__encuestas') }}

),

unpivoted as (

    select id_respuesta, month, fecha, canal, 'satisfaction' as question, 'satisfaccion' as pregunta, satisfaccion as score
    from responses
    union all
    select id_respuesta, month, fecha, canal, 'perception' as question, 'percepcion' as pregunta, percepcion as score
    from responses
    union all
    select id_respuesta, month, fecha, canal, 'trust' as question, 'confianza' as pregunta, confianza as score
    from responses

),

final as (

    select
        id_respuesta,
        month,
        fecha,
        canal as channel,
        question,
        pregunta,
        score,
        score >= 4 as is_top_box
    from unpivoted
    where score is not null

)

select * from final
