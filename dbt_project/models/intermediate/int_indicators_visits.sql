-- Presencial indicators `visits_par` and `visits_pal`: visits at regional
-- points (PAR, central office included) / at local points (PAL), each over
-- all presencial interactions (visits) of the month.

with visits as (

    select * from {{ ref('int_visits') }}

),

monthly as (

    select
        month,
        count(*) as visits,
        count(*) filter (where point_class = 'PAR') as visits_par,
        count(*) filter (where point_class = 'PAL') as visits_pal
    from visits
    group by month

),

final as (

    select
        month,
        'presencial' as channel,
        'visits_par' as indicator,
        visits_par as numerator,
        visits as denominator
    from monthly
    union all
    select
        month,
        'presencial' as channel,
        'visits_pal' as indicator,
        visits_pal as numerator,
        visits as denominator
    from monthly

)

select * from final
