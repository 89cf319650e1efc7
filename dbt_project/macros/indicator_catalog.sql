{#
    The indicators the marts publish (data contract, "What the warehouse
    publishes"): code, kind ('count': value = numerator, no denominator;
    'rate': value = numerator / denominator) and the channels it exists for.
    Used by channel_summary_monthly (one column per pair) and by the singular
    test that only these pairs appear in indicators_monthly.
#}
{% macro anm_indicator_catalog() -%}
    {%- set survey_channels = ['presencial', 'telefonico', 'virtual', 'whatsapp', 'total'] -%}
    {{- return([
        {'indicator': 'interactions', 'kind': 'count',
         'channels': ['presencial', 'telefonico', 'virtual', 'whatsapp', 'total']},
        {'indicator': 'first_contact_resolution', 'kind': 'rate',
         'channels': ['presencial', 'telefonico', 'whatsapp']},
        {'indicator': 'calls_inbound', 'kind': 'count', 'channels': ['telefonico']},
        {'indicator': 'calls_answer_rate', 'kind': 'rate', 'channels': ['telefonico']},
        {'indicator': 'emails_in', 'kind': 'count', 'channels': ['virtual']},
        {'indicator': 'emails_out', 'kind': 'count', 'channels': ['virtual']},
        {'indicator': 'visits_par', 'kind': 'rate', 'channels': ['presencial']},
        {'indicator': 'visits_pal', 'kind': 'rate', 'channels': ['presencial']},
        {'indicator': 'whatsapp_effective_queries', 'kind': 'rate', 'channels': ['whatsapp']},
        {'indicator': 'whatsapp_agent_handoff', 'kind': 'rate', 'channels': ['whatsapp']},
        {'indicator': 'satisfaction', 'kind': 'rate', 'channels': survey_channels},
        {'indicator': 'perception', 'kind': 'rate', 'channels': survey_channels},
        {'indicator': 'trust', 'kind': 'rate', 'channels': survey_channels},
        {'indicator': 'satisfaction_response_rate', 'kind': 'rate', 'channels': survey_channels},
        {'indicator': 'perception_response_rate', 'kind': 'rate', 'channels': survey_channels},
        {'indicator': 'trust_response_rate', 'kind': 'rate', 'channels': survey_channels},
        {'indicator': 'consolidated_satisfaction', 'kind': 'rate', 'channels': ['total']},
    ]) -}}
{%- endmacro %}


{#- SQL `values` rows (indicator, channel, kind) of the catalogue. -#}
{% macro anm_indicator_catalog_values() -%}
    {%- set rows = [] -%}
    {%- for item in anm_indicator_catalog() -%}
        {%- for channel in item['channels'] -%}
            {%- do rows.append("('" ~ item['indicator'] ~ "', '" ~ channel ~ "', '" ~ item['kind'] ~ "')") -%}
        {%- endfor -%}
    {%- endfor -%}
    values {{ rows | join(',\n        ') }}
{%- endmacro %}
