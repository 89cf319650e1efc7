{#- Combinations of `combination_of_columns` that appear more than once. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with grouped as (
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as n_records
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
),

failures as (
    select *
    from grouped
    where n_records > 1
)

select * from failures

{% endtest %}
