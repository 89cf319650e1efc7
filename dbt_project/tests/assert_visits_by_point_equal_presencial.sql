{{ config(meta={'dagster': {'ref': {'name': 'visits_by_point_monthly'}}}) }}

-- The visits of all points of a month = presencial interactions of that month.

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}

),

visits_by_point_monthly as (

    select * from {{ ref('visits_by_point_monthly') }}

),

presencial as (

    select month, numerator as interactions
    from indicators_monthly
    where channel = 'presencial' and indicator = 'interactions'

),

by_point as (

    select month, sum(visits) as visits, sum(resolved_first_contact) as resolved
    from visits_by_point_monthly
    group by month

),

first_contact as (

    select month, numerator as resolved
    from indicators_monthly
    where channel = 'presencial' and indicator = 'first_contact_resolution'

),

final as (

    select
        coalesce(presencial.month, by_point.month) as month,
        presencial.interactions,
        by_point.visits,
        by_point.resolved as resolved_by_point,
        first_contact.resolved as resolved_first_contact
    from presencial
    full outer join by_point
        on presencial.month = by_point.month
    left join first_contact
        on coalesce(presencial.month, by_point.month) = first_contact.month
    where presencial.interactions is distinct from by_point.visits
        or (by_point.visits > 0 and first_contact.resolved is distinct from by_point.resolved)

)

select * from final
