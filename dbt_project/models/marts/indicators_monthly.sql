{{
    config(
        materialized='incremental',
        incremental_strategy='replace_months',
        on_schema_change='fail'
    )
}}

-- Every indicator of the data contract, one row per month, channel and
-- indicator. Counts: numerator = value, denominator NULL. Rates: value =
-- numerator / denominator. A pair with no data in a month has no row.
-- Incremental: only the months in [month_start, month_end] are rebuilt.

with interactions as (

    select * from {{ ref('int_indicators_interactions') }}
    where {{ incremental_month_filter('month') }}

),

calls as (

    select * from {{ ref('int_indicators_calls') }}
    where {{ incremental_month_filter('month') }}

),

emails as (

    select * from {{ ref('int_indicators_emails') }}
    where {{ incremental_month_filter('month') }}

),

visits as (

    select * from {{ ref('int_indicators_visits') }}
    where {{ incremental_month_filter('month') }}

),

whatsapp as (

    select * from {{ ref('int_indicators_whatsapp') }}
    where {{ incremental_month_filter('month') }}

),

surveys as (

    select * from {{ ref('int_indicators_surveys') }}
    where {{ incremental_month_filter('month') }}

),

unioned as (

    select * from interactions
    union all
    select * from calls
    union all
    select * from emails
    union all
    select * from visits
    union all
    select * from whatsapp
    union all
    select * from surveys

),

final as (

    select
        cast(month as date) as month,
        cast(channel as varchar) as channel,
        cast(indicator as varchar) as indicator,
        cast(numerator as bigint) as numerator,
        cast(denominator as bigint) as denominator,
        cast(
            case
                when denominator is null then numerator
                else cast(numerator as double) / denominator
            end as double
        ) as value
    from unioned

)

select * from final
