{{
    config(
        materialized='incremental',
        incremental_strategy='replace_months',
        on_schema_change='fail'
    )
}}

-- indicators_monthly pivoted for BI: one row per month, one column per
-- channel/indicator figure. Counts are BIGINT (`<indicator>_<channel>`);
-- rates are the DOUBLE ratio (`<indicator>_<channel>`) plus their numerator
-- (`<indicator>_<channel>_numerator`). NULL where the pair has no row.

{%- set catalog = anm_indicator_catalog() %}

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}
    where {{ incremental_month_filter('month') }}

),

final as (

    select
        month,
        {%- for item in catalog %}
        {%- for channel in item['channels'] %}
        {%- set pair = "indicator = '" ~ item['indicator'] ~ "' and channel = '" ~ channel ~ "'" %}
        {%- if item['kind'] == 'count' %}
        max(numerator) filter (where {{ pair }}) as {{ item['indicator'] }}_{{ channel }}
        {%- else %}
        max(value) filter (where {{ pair }}) as {{ item['indicator'] }}_{{ channel }},
        max(numerator) filter (where {{ pair }}) as {{ item['indicator'] }}_{{ channel }}_numerator
        {%- endif %}
        {{- "," if not loop.last }}
        {%- endfor %}
        {{- "," if not loop.last }}
        {%- endfor %}
    from indicators_monthly
    group by month

)

select * from final
