{#
    Incremental processing by month.

    The months to process (ISO dates, first days of months, inclusive) come
    from the vars `month_start` and `month_end`:

        dbt build --vars '{"month_start": "2025-11-01", "month_end": "2025-11-01"}'

    or, when no var is given, from the environment variables ANM_MONTH_START
    and ANM_MONTH_END. The orchestrator uses the environment: dbt re-parses
    the whole project whenever --vars change, but only the files that read an
    environment variable whose value changed, so a run for new months keeps
    dbt's partial parsing (about 1.5 s per run).

    On an incremental run of a monthly mart, only the months in that range are
    deleted and rebuilt (strategy `replace_months` below), so an
    indicator/channel pair that disappeared from the raw data disappears from
    the mart too. With no vars, or with --full-refresh, or when the table does
    not exist yet, every month is rebuilt.
#}

{% macro anm_parse_month(value, name) -%}
    {%- set text = (value | string | trim)[:10] -%}
    {%- if text | length == 7 -%}{%- set text = text ~ '-01' -%}{%- endif -%}
    {%- set parsed = none -%}
    {%- if modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', text) -%}
        {%- set parsed = modules.datetime.date(text[0:4] | int, text[5:7] | int, 1) -%}
    {%- endif -%}
    {%- if parsed is none -%}
        {{ exceptions.raise_compiler_error(
            "var '" ~ name ~ "' must be an ISO date (YYYY-MM-DD, first day of a month), got '" ~ value ~ "'") }}
    {%- endif -%}
    {{- return(parsed) -}}
{%- endmacro %}


{#- Returns none (all months) or [first, last] as datetime.date, first days of months. -#}
{% macro anm_month_range() -%}
    {%- set start_var = var('month_start', none) or env_var('ANM_MONTH_START', '') -%}
    {%- set end_var = var('month_end', none) or env_var('ANM_MONTH_END', '') -%}
    {%- if start_var in (none, '') and end_var in (none, '') -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- if start_var in (none, '') -%}
        {{ exceptions.raise_compiler_error("var 'month_end' is set but 'month_start' is not") }}
    {%- endif -%}
    {%- set first = anm_parse_month(start_var, 'month_start') -%}
    {%- set last = first if end_var in (none, '') else anm_parse_month(end_var, 'month_end') -%}
    {%- if last < first -%}
        {{ exceptions.raise_compiler_error(
            "var 'month_end' (" ~ last ~ ") is before 'month_start' (" ~ first ~ ")") }}
    {%- endif -%}
    {{- return([first, last]) -}}
{%- endmacro %}


{#- SQL predicate for a monthly mart's rows to (re)build on this run. -#}
{% macro incremental_month_filter(column='month') -%}
    {%- set range = anm_month_range() -%}
    {%- if is_incremental() and range is not none -%}
        {{ column }} between date '{{ range[0] }}' and date '{{ range[1] }}'
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{#-
    Custom incremental strategy (incremental_strategy='replace_months'):
    delete the months being processed (every month when no range is given),
    then insert what the model produced for them, in one transaction.
    Models using it must filter with incremental_month_filter() on the same
    column (config `month_column`, default `month`).
-#}
{% macro get_incremental_replace_months_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set dest_cols_csv = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set column = config.get('month_column', 'month') -%}
    {%- set range = anm_month_range() -%}
    delete from {{ target }}
    {%- if range is not none %}
    where {{ column }} between date '{{ range[0] }}' and date '{{ range[1] }}'
    {%- endif %};

    insert into {{ target }} ({{ dest_cols_csv }})
    select {{ dest_cols_csv }} from {{ source }}
    {%- if range is not none %}
    where {{ column }} between date '{{ range[0] }}' and date '{{ range[1] }}'
    {%- endif %}
{%- endmacro %}
