-- The benchmark's baseline: marts.indicators_monthly straight from the raw files, in one DuckDB
-- script - the engine's own lower bound for what the pipeline computes.
--
-- Run it in a fresh in-memory DuckDB after setting two variables (bench/run.py does this):
--
--     set variable raw_dir = '/abs/path/raw';
--     set variable reference_dir = '/abs/path/reference';
--
-- It leaves the table `indicators_monthly` (month, channel, indicator, numerator, denominator,
-- value), which must equal the pipeline's marts.indicators_monthly row for row.
--
-- It is written for the files bench/generate.py writes (their delimiters, date forms and
-- header names), not for every form the data contract allows, and it does only what the
-- indicators need: no PII hashing, no audit of bad rows, no lineage, no warehouse file. The
-- rules that change figures are applied as the pipeline applies them:
--   * a bad row is not counted (a date that does not parse, a score outside 1-5);
--   * a record whose key appears in several files counts once, the copy from the path that
--     sorts last wins (the generator never repeats a key inside one file);
--   * a row belongs to the month of its own event time in Bogota (UTC-5), whatever the file;
--   * visits only count at a point of puntos_atencion.csv open that day; the central office
--     counts as a PAR.

-- calls: one row per call; attended when fecha_atencion is present ---------------------------
create or replace temp table calls as
select
    date_trunc('month', fecha_inicio)::date as month,
    sentido = 'entrante' as is_inbound,
    fecha_atencion is not null as is_attended,
    fecha_atencion is not null
        and coalesce(upper(solucion_primer_contacto) in ('SI', 'SÍ', 'S', 'TRUE', '1'), false) as is_resolved
from read_csv(
    getvariable('raw_dir') || '/calls/**/*.csv',
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    columns = {
        'id_llamada': 'VARCHAR', 'linea': 'VARCHAR', 'sentido': 'VARCHAR',
        'fecha_inicio': 'TIMESTAMP', 'fecha_atencion': 'TIMESTAMP', 'fecha_fin': 'TIMESTAMP',
        'agente': 'VARCHAR', 'numero': 'VARCHAR', 'tema': 'VARCHAR',
        'solucion_primer_contacto': 'VARCHAR'
    },
    timestampformat = '%Y-%m-%d %H:%M:%S',
    ignore_errors = true,  -- rows whose dates do not parse are bad rows
    filename = true
)
qualify row_number() over (partition by id_llamada order by filename desc) = 1;

-- visits: two export styles (`,` + ISO timestamps; `;` + DD/MM/YYYY HH:MM + accented headers),
-- so each file's dialect is sniffed and its header names normalised ----------------------------
create or replace temp table points as
select
    upper(codigo_punto) as codigo_punto,
    case when upper(sede_central) in ('SI', 'SÍ', 'S', 'TRUE', '1') then 'PAR' else upper(tipo) end
        as point_class,
    fecha_apertura::date as fecha_apertura,
    fecha_cierre::date as fecha_cierre
from read_csv(getvariable('reference_dir') || '/puntos_atencion.csv', header = true, all_varchar = true);

create or replace temp table visits as
with rows as (
    select
        id_atencion,
        coalesce(
            try_strptime(fecha_hora, '%Y-%m-%d %H:%M:%S'), try_strptime(fecha_hora, '%d/%m/%Y %H:%M')
        ) as fecha_hora,
        upper(codigo_punto) as codigo_punto,
        upper(solucion_primer_contacto) in ('SI', 'SÍ', 'S', 'TRUE', '1') as solucion,
        filename
    from read_csv(
        getvariable('raw_dir') || '/presencial/**/*.csv',
        union_by_name = true, all_varchar = true, normalize_names = true, filename = true
    )
),
winners as (
    select * from rows
    where fecha_hora is not null
    qualify row_number() over (partition by id_atencion order by filename desc) = 1
)
select
    date_trunc('month', w.fecha_hora)::date as month,
    p.point_class,
    coalesce(w.solucion, false) as is_resolved
from winners w
join points p
    on p.codigo_punto = w.codigo_punto
    and (p.fecha_apertura is null or p.fecha_apertura <= w.fecha_hora::date)
    and (p.fecha_cierre is null or p.fecha_cierre >= w.fecha_hora::date);

-- WhatsApp: JSON Lines, timestamps with an offset or in UTC, to Bogota local time -------------
create or replace temp table conversations as
select
    date_trunc('month', timezone('America/Bogota', started_at))::date as month,
    coalesce(handed_to_agent, false) as is_handed,
    coalesce(effective, false) as is_effective,
    coalesce(resolved_first_contact, false) as is_resolved
from read_json(
    getvariable('raw_dir') || '/whatsapp/**/*.jsonl',
    format = 'newline_delimited',
    columns = {
        'conversation_id': 'VARCHAR', 'started_at': 'TIMESTAMPTZ', 'handed_to_agent': 'BOOLEAN',
        'effective': 'BOOLEAN', 'resolved_first_contact': 'BOOLEAN'
    },
    filename = true
)
where started_at is not null
qualify row_number() over (partition by conversation_id order by filename desc) = 1;

-- e-mails: daily counts; a later copy of (fecha, buzon, sentido) replaces the earlier one ------
create or replace temp table emails as
select date_trunc('month', fecha)::date as month, sentido, cantidad
from read_csv(
    getvariable('raw_dir') || '/emails/**/*.csv',
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    columns = {'fecha': 'DATE', 'buzon': 'VARCHAR', 'sentido': 'VARCHAR', 'cantidad': 'BIGINT'},
    dateformat = '%d/%m/%Y',
    filename = true
)
qualify row_number() over (partition by fecha, lower(buzon), sentido order by filename desc) = 1;

-- surveys: a response with any score outside 1-5 is a bad row --------------------------------
create or replace temp table ratings as
with responses as (
    select *
    from read_csv(
        getvariable('raw_dir') || '/encuestas/**/*.csv',
        header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
        columns = {
            'id_respuesta': 'VARCHAR', 'fecha': 'DATE', 'canal': 'VARCHAR',
            'satisfaccion': 'INTEGER', 'percepcion': 'INTEGER', 'confianza': 'INTEGER'
        },
        dateformat = '%Y-%m-%d',
        filename = true
    )
    where coalesce(satisfaccion between 1 and 5, true)
        and coalesce(percepcion between 1 and 5, true)
        and coalesce(confianza between 1 and 5, true)
        and coalesce(satisfaccion, percepcion, confianza) is not null
    qualify row_number() over (partition by id_respuesta order by filename desc) = 1
)
select date_trunc('month', fecha)::date as month, canal as channel, question, score >= 4 as is_top_box
from responses
unpivot (score for question in (
    satisfaccion as 'satisfaction', percepcion as 'perception', confianza as 'trust'
))
where score is not null;

-- per month and channel ------------------------------------------------------------------------
create or replace temp table call_months as
select
    month,
    count(*) filter (where is_attended) as attended,
    count(*) filter (where is_resolved) as resolved,
    count(*) filter (where is_inbound) as inbound,
    count(*) filter (where is_inbound and is_attended) as inbound_answered
from calls
group by month;

create or replace temp table channel_months as
with per_channel as (
    select month, 'presencial' as channel, count(*) as interactions, count(*) as tracked,
           count(*) filter (where is_resolved) as resolved
    from visits group by month
    union all
    select month, 'telefonico', attended, attended, resolved from call_months
    union all
    select month, 'whatsapp', count(*), count(*), count(*) filter (where is_resolved)
    from conversations group by month
    union all
    select month, 'virtual', coalesce(sum(cantidad), 0)::bigint, 0, 0 from emails group by month
)
select * from per_channel
union all
select month, 'total', sum(interactions)::bigint, null, null
from per_channel
where channel in ('presencial', 'telefonico', 'virtual')
group by month;

create or replace temp table question_stats as
with by_channel as (
    select month, channel, question, count(*) as raters, count(*) filter (where is_top_box) as top_box
    from ratings
    group by all
)
select * from by_channel
union all
select month, 'total', question, sum(raters)::bigint, sum(top_box)::bigint
from by_channel
where channel in ('presencial', 'telefonico', 'virtual')
group by month, question;

-- the indicators -------------------------------------------------------------------------------
create or replace table indicators_monthly as
with unioned as (
    select month, channel, 'interactions' as indicator, interactions as numerator,
           null::bigint as denominator
    from channel_months
    union all
    select month, channel, 'first_contact_resolution', resolved, tracked
    from channel_months
    where channel in ('presencial', 'telefonico', 'whatsapp') and tracked > 0
    union all
    select month, 'telefonico', 'calls_inbound', inbound, null from call_months
    union all
    select month, 'telefonico', 'calls_answer_rate', inbound_answered, inbound
    from call_months where inbound > 0
    union all
    select month, 'virtual', 'emails_in',
           coalesce(sum(cantidad) filter (where sentido = 'entrada'), 0)::bigint, null
    from emails group by month
    union all
    select month, 'virtual', 'emails_out',
           coalesce(sum(cantidad) filter (where sentido = 'salida'), 0)::bigint, null
    from emails group by month
    union all
    select month, 'presencial', 'visits_par', count(*) filter (where point_class = 'PAR'), count(*)
    from visits group by month
    union all
    select month, 'presencial', 'visits_pal', count(*) filter (where point_class = 'PAL'), count(*)
    from visits group by month
    union all
    select month, 'whatsapp', 'whatsapp_effective_queries', count(*) filter (where is_effective), count(*)
    from conversations group by month
    union all
    select month, 'whatsapp', 'whatsapp_agent_handoff', count(*) filter (where is_handed), count(*)
    from conversations group by month
    union all
    select month, channel, question, top_box, raters from question_stats
    union all
    select cm.month, cm.channel, q.question || '_response_rate', coalesce(qs.raters, 0), c.interactions
    from (select distinct month, channel from question_stats) cm
    cross join (values ('satisfaction'), ('perception'), ('trust')) q (question)
    join channel_months c on c.month = cm.month and c.channel = cm.channel
    left join question_stats qs
        on qs.month = cm.month and qs.channel = cm.channel and qs.question = q.question
    where c.interactions > 0
    union all
    select month, 'total', 'consolidated_satisfaction', sum(top_box)::bigint, sum(raters)::bigint
    from question_stats where channel = 'total' group by month
)
select
    month::date as month,
    channel::varchar as channel,
    indicator::varchar as indicator,
    numerator::bigint as numerator,
    denominator::bigint as denominator,
    case when denominator is null then numerator::double else numerator::double / denominator end
        as value
from unioned;
