{#- Rows whose column is outside [min_value, max_value] (NULLs are not checked). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}

with validation as (
    select {{ column_name }} as checked_value
    from {{ model }}
    where {{ column_name }} is not null
),

failures as (
    select *
    from validation
    where false
    {%- if min_value is not none %}
        or checked_value {{ '<' if inclusive else '<=' }} {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
        or checked_value {{ '>' if inclusive else '>=' }} {{ max_value }}
    {%- endif %}
)

select * from failures

{% endtest %}
