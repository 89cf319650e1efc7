-- visits_par + visits_pal = presencial interactions, and both are over that same base.

with indicators_monthly as (

    select * from {{ ref('indicators_monthly') }}

),

by_month as (

    select
        month,
        sum(numerator) filter (where indicator = 'interactions') as presencial,
        sum(numerator) filter (where indicator in ('visits_par', 'visits_pal')) as par_plus_pal,
        count(*) filter (where indicator in ('visits_par', 'visits_pal')) as par_pal_rows,
        min(denominator) filter (where indicator in ('visits_par', 'visits_pal')) as min_denominator,
        max(denominator) filter (where indicator in ('visits_par', 'visits_pal')) as max_denominator
    from indicators_monthly
    where channel = 'presencial'
    group by month

),

final as (

    select * from by_month
    where par_plus_pal is distinct from presencial
        or par_pal_rows <> 2
        or min_denominator is distinct from presencial
        or max_denominator is distinct from presencial

)

select * from final
