-- Social-work workforce at each period end, in FTE (DfE workforce definitions):
-- who was in post, who left in the 12 months, funded posts left vacant, and
-- the cases held by case holders.
with periods as (
    select * from marts.reporting_periods
),

staff as (
    select * from marts.staff
),

staff_snapshots as (
    select * from staging.hr_staff
),

establishment_snapshots as (
    select * from staging.hr_establishment
),

in_post as (
    select
        periods.la_code,
        periods.period_end,
        coalesce(sum(staff.fte) filter (where staff.is_agency), 0) as agency_fte,
        coalesce(sum(staff.fte) filter (where staff.is_employed), 0) as employed_fte
    from periods
    left join staff
        on staff.la_code = periods.la_code
        and staff.start_date <= periods.period_end
        -- end_date is the last day in post (HR contract), so a worker leaving on period end still counts.
        and (staff.end_date is null or staff.end_date >= periods.period_end)
    group by all
),

leavers as (
    select
        periods.la_code,
        periods.period_end,
        coalesce(sum(staff.fte), 0) as employed_leavers_fte_12m
    from periods
    left join staff
        on staff.la_code = periods.la_code
        and staff.is_employed
        and staff.end_date between periods.window_12m_start and periods.period_end
    group by all
),

establishment_as_at as (
    -- The establishment extract in force at period end: the latest on or before it.
    select periods.la_code, periods.period_end, max(establishment_snapshots.extract_date) as extract_date
    from periods
    inner join establishment_snapshots
        on establishment_snapshots.la_code = periods.la_code
        and establishment_snapshots.extract_date <= periods.period_end
    group by all
),

posts as (
    select
        establishment_as_at.la_code,
        establishment_as_at.period_end,
        establishment_snapshots.team,
        establishment_snapshots.role,
        sum(establishment_snapshots.funded_fte) as funded_fte
    from establishment_as_at
    inner join establishment_snapshots
        on establishment_snapshots.la_code = establishment_as_at.la_code
        and establishment_snapshots.extract_date = establishment_as_at.extract_date
    group by all
),

filled_posts as (
    select
        posts.la_code,
        posts.period_end,
        posts.team,
        posts.role,
        posts.funded_fte,
        coalesce(sum(staff.fte), 0) as employed_fte
    from posts
    left join staff
        on staff.la_code = posts.la_code
        and staff.team = posts.team
        and staff.role = posts.role
        and staff.is_employed
        and staff.start_date <= posts.period_end
        and (staff.end_date is null or staff.end_date >= posts.period_end)
    group by all
),

vacancies as (
    -- DfE counts a funded post not filled by an employee as vacant, agency cover or not;
    -- posts are matched by team and role, so one team's surplus does not fill another's gap.
    select
        la_code,
        period_end,
        sum(funded_fte) as funded_fte,
        sum(greatest(funded_fte - employed_fte, 0)) as vacant_fte
    from filled_posts
    group by all
),

staff_list_in_month as (
    -- Caseloads are as at an extract, so only an extract from the month itself
    -- speaks for it (the month's latest, if the council sent more than one).
    select periods.la_code, periods.period_end, max(staff_snapshots.extract_date) as extract_date
    from periods
    inner join staff_snapshots
        on staff_snapshots.la_code = periods.la_code
        and staff_snapshots.extract_date between periods.month_start and periods.period_end
    group by all
),

caseloads as (
    select
        staff_list_in_month.la_code,
        staff_list_in_month.period_end,
        sum(staff_snapshots.fte) as case_holding_fte,
        sum(staff_snapshots.caseload) as cases_held
    from staff_list_in_month
    inner join staff_snapshots
        on staff_snapshots.la_code = staff_list_in_month.la_code
        and staff_snapshots.extract_date = staff_list_in_month.extract_date
        and staff_snapshots.is_case_holder
        and staff_snapshots.start_date <= staff_snapshots.extract_date
        and (staff_snapshots.end_date is null or staff_snapshots.end_date >= staff_snapshots.extract_date)
    group by all
),

final as (
    select
        in_post.la_code,
        in_post.period_end,
        in_post.agency_fte,
        in_post.employed_fte,
        leavers.employed_leavers_fte_12m,
        vacancies.funded_fte,
        vacancies.vacant_fte,
        caseloads.case_holding_fte,
        caseloads.cases_held
    from in_post
    inner join leavers using (la_code, period_end)
    left join vacancies using (la_code, period_end)
    left join caseloads using (la_code, period_end)
)

select * from final
