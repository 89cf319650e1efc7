{#-
    Columns of `columns` holding NULLs: one row per such column, with how many.

    One test per model instead of one `not_null` per column: the model is
    scanned once, and each dbt test is a node that costs dbt and Dagster about
    50 ms of bookkeeping (docs/benchmark.md), whatever the data's size.
-#}
{% test not_null_columns(model, columns) %}

with null_counts as (
    select
        {%- for column in columns %}
        count(*) filter (where {{ adapter.quote(column) }} is null) as {{ adapter.quote(column) }}
        {{- "," if not loop.last }}
        {%- endfor %}
    from {{ model }}
),

per_column as (
    unpivot null_counts
    on columns(*)
    into name column_name value null_rows
),

failures as (
    select *
    from per_column
    where null_rows > 0
)

select * from failures

{% endtest %}
