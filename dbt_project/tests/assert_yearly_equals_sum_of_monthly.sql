{{ config(meta={'dagster': {'ref': {'name': 'indicators_yearly'}}}) }}

-- indicators_yearly = indicators_monthly summed per year: counts, numerators,
-- denominators and number of months, with no pair missing on either side.

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}

),

indicators_yearly as (

    select * from {{ ref('indicators_yearly') }}

),

from_monthly as (

    select
        cast(extract(year from month) as integer) as year,
        channel,
        indicator,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        count(*) as months
    from indicators_monthly
    group by 1, 2, 3

),

final as (

    select
        coalesce(from_monthly.year, indicators_yearly.year) as year,
        coalesce(from_monthly.channel, indicators_yearly.channel) as channel,
        coalesce(from_monthly.indicator, indicators_yearly.indicator) as indicator,
        from_monthly.numerator as monthly_numerator,
        indicators_yearly.numerator as yearly_numerator,
        from_monthly.denominator as monthly_denominator,
        indicators_yearly.denominator as yearly_denominator,
        from_monthly.months as monthly_months,
        indicators_yearly.months as yearly_months
    from from_monthly
    full outer join indicators_yearly
        on from_monthly.year = indicators_yearly.year
        and from_monthly.channel = indicators_yearly.channel
        and from_monthly.indicator = indicators_yearly.indicator
    where from_monthly.numerator is distinct from indicators_yearly.numerator
        or from_monthly.denominator is distinct from indicators_yearly.denominator
        or from_monthly.months is distinct from indicators_yearly.months
        or (indicators_yearly.denominator is null and indicators_yearly.value <> indicators_yearly.numerator)

)

select * from final
