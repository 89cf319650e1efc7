{{ config(materialized='table') }}

-- indicators_monthly summed per calendar year, always rebuilt in full from
-- it (so it covers every processed month of the year). Rates are pooled:
-- sum(numerator) / sum(denominator), never an average of monthly rates.

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}

),

final as (

    select
        cast(extract(year from month) as integer) as year,
        channel,
        indicator,
        cast(sum(numerator) as bigint) as numerator,
        cast(sum(denominator) as bigint) as denominator,
        cast(
            case
                when count(denominator) = 0 then sum(numerator)
                else cast(sum(numerator) as double) / sum(denominator)
            end as double
        ) as value,
        cast(count(*) as integer) as months
    from indicators_monthly
    group by extract(year from month), channel, indicator

)

select * from final
