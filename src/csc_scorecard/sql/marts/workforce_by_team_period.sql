-- Social-work workforce at each month end, per team and for the whole service (level 'council',
-- team NULL), in the quantities the DfE workforce measures are built from: who was in post
-- (FTE and headcount, employed and agency), who started and left, funded posts left vacant,
-- the cases held by case holders and how many case holders hold more than 20 or 25, and who
-- qualified in the last 12 months.
-- A worker's team is the one the latest staff list gives for the post; team names are matched
-- across files without regard to case or spacing.
-- grain: la_code, period_end, level, team
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

team_spellings as (
    -- One name per team however each file capitalises or spaces it ("Front Door", "FRONT  DOOR"):
    -- the establishment's spelling where it has one, so staff and funded posts meet.
    select la_code, clean_label(team) as team_key, team, true as from_establishment
    from establishment_snapshots
    union all
    select la_code, clean_label(team), team, false from staff_snapshots
),

team_names as (
    select
        la_code,
        team_key,
        coalesce(min(trim(team)) filter (where from_establishment), min(trim(team))) as team_name
    from team_spellings
    where team_key is not null
    group by all
),

posts_held as (
    select staff.*, coalesce(team_names.team_name, '(no team recorded)') as team_name
    from staff
    left join team_names on team_names.la_code = staff.la_code and team_names.team_key = clean_label(staff.team)
),

in_post as (
    -- end_date is the last day in post (HR contract), so a worker leaving on period end still counts.
    select periods.la_code, periods.period_end, periods.window_12m_start, posts_held.* exclude (la_code)
    from periods
    inner join posts_held
        on posts_held.la_code = periods.la_code
        and posts_held.start_date <= periods.period_end
        and (posts_held.end_date is null or posts_held.end_date >= periods.period_end)
),

in_post_counts as (
    select
        la_code,
        period_end,
        team_name,
        grouping(team_name) = 1 as is_council,
        coalesce(sum(fte) filter (where is_employed), 0) as employed_fte,
        count(distinct worker_id) filter (where is_employed) as employed_headcount,
        coalesce(sum(fte) filter (where is_agency), 0) as agency_fte,
        count(distinct worker_id) filter (where is_agency) as agency_headcount,
        -- Newly qualified: qualified in the 12 months to period end (the ASYE year). Workers
        -- with no qualification date recorded are left out of both sides rather than guessed.
        count(distinct worker_id) filter (
            where is_employed and qualified_date between window_12m_start and period_end
        ) as newly_qualified_headcount,
        count(distinct worker_id) filter (where is_employed and qualified_date is not null) as qualified_date_known_headcount
    from in_post
    group by grouping sets ((la_code, period_end, team_name), (la_code, period_end))
),

employed_posts as (
    select * from posts_held where is_employed
),

moves as (
    -- A starter joined the council's employment, a leaver left it: a move between employed
    -- posts (a new team, a promotion) is neither, so it neither inflates turnover nor starters.
    select
        employed_posts.*,
        not exists (
            select 1 from employed_posts as other
            where other.la_code = employed_posts.la_code and other.worker_id = employed_posts.worker_id
                and other.start_date <= employed_posts.start_date - 1
                and (other.end_date is null or other.end_date >= employed_posts.start_date - 1)
        ) as is_starter,
        employed_posts.end_date is not null and not exists (
            select 1 from employed_posts as other
            where other.la_code = employed_posts.la_code and other.worker_id = employed_posts.worker_id
                and other.start_date <= employed_posts.end_date + 1
                and (other.end_date is null or other.end_date >= employed_posts.end_date + 1)
        ) as is_leaver
    from employed_posts
),

movement_counts as (
    select
        periods.la_code,
        periods.period_end,
        moves.team_name,
        grouping(moves.team_name) = 1 as is_council,
        count(distinct moves.worker_id) filter (
            where moves.is_starter and moves.start_date between periods.month_start and periods.period_end
        ) as starters,
        count(distinct moves.worker_id) filter (
            where moves.is_leaver and moves.end_date between periods.month_start and periods.period_end
        ) as leavers,
        coalesce(sum(moves.fte) filter (
            where moves.is_leaver and moves.end_date between periods.window_12m_start and periods.period_end
        ), 0) as leavers_fte_12m
    from periods
    inner join moves
        on moves.la_code = periods.la_code
        and moves.start_date <= periods.period_end
    group by grouping sets ((periods.la_code, periods.period_end, moves.team_name),
                            (periods.la_code, periods.period_end))
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

funded_posts as (
    select
        establishment_as_at.la_code,
        establishment_as_at.period_end,
        coalesce(team_names.team_name, '(no team recorded)') as team_name,
        establishment_snapshots.role,
        sum(establishment_snapshots.funded_fte) as funded_fte
    from establishment_as_at
    inner join establishment_snapshots
        on establishment_snapshots.la_code = establishment_as_at.la_code
        and establishment_snapshots.extract_date = establishment_as_at.extract_date
    left join team_names
        on team_names.la_code = establishment_snapshots.la_code
        and team_names.team_key = clean_label(establishment_snapshots.team)
    group by all
),

filled_posts as (
    select
        funded_posts.*,
        coalesce(sum(in_post.fte) filter (where in_post.is_employed), 0) as employed_fte
    from funded_posts
    left join in_post
        on in_post.la_code = funded_posts.la_code
        and in_post.period_end = funded_posts.period_end
        and in_post.team_name = funded_posts.team_name
        and in_post.role = funded_posts.role
    group by all
),

vacancy_counts as (
    -- DfE counts a funded post not filled by an employee as vacant, agency cover or not;
    -- posts are matched by team and role, so one team's surplus does not fill another's gap.
    select
        la_code,
        period_end,
        team_name,
        grouping(team_name) = 1 as is_council,
        sum(funded_fte) as funded_fte,
        sum(greatest(funded_fte - employed_fte, 0)) as vacant_fte
    from filled_posts
    group by grouping sets ((la_code, period_end, team_name), (la_code, period_end))
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

case_holders as (
    select
        staff_list_in_month.la_code,
        staff_list_in_month.period_end,
        coalesce(team_names.team_name, '(no team recorded)') as team_name,
        staff_snapshots.worker_id,
        staff_snapshots.fte,
        staff_snapshots.caseload
    from staff_list_in_month
    inner join staff_snapshots
        on staff_snapshots.la_code = staff_list_in_month.la_code
        and staff_snapshots.extract_date = staff_list_in_month.extract_date
        and staff_snapshots.is_case_holder
        and staff_snapshots.start_date <= staff_snapshots.extract_date
        and (staff_snapshots.end_date is null or staff_snapshots.end_date >= staff_snapshots.extract_date)
    left join team_names
        on team_names.la_code = staff_snapshots.la_code
        and team_names.team_key = clean_label(staff_snapshots.team)
),

caseload_counts as (
    select
        la_code,
        period_end,
        team_name,
        grouping(team_name) = 1 as is_council,
        sum(fte) as case_holding_fte,
        sum(caseload) as cases_held
    from case_holders
    group by grouping sets ((la_code, period_end, team_name), (la_code, period_end))
),

worker_caseloads as (
    -- Each case holder's cases, per team and across the service: a worker with case-holding posts
    -- in two teams is one worker holding both caseloads in the council figure. A worker with a post
    -- whose caseload is unknown (rejected, staging.hr_rejected) has no total, so is not counted.
    select
        la_code,
        period_end,
        team_name,
        grouping(team_name) = 1 as is_council,
        worker_id,
        case when count(caseload) = count(*) then sum(caseload) end as cases
    from case_holders
    where worker_id is not null
    group by grouping sets ((la_code, period_end, team_name, worker_id), (la_code, period_end, worker_id))
),

caseload_spread as (
    select
        la_code,
        period_end,
        team_name,
        is_council,
        count(*) filter (where cases is not null) as case_holders_counted,
        count(*) filter (where cases > 20) as case_holders_over_20,
        count(*) filter (where cases > 25) as case_holders_over_25
    from worker_caseloads
    group by all
),

spine as (
    -- Every month for the council, and every team that has staff or funded posts.
    select la_code, period_end, null::varchar as team_name, true as is_council from periods
    union
    select la_code, period_end, team_name, false from in_post_counts where not is_council
    union
    select la_code, period_end, team_name, false from movement_counts where not is_council
    union
    select la_code, period_end, team_name, false from vacancy_counts where not is_council
    union
    select la_code, period_end, team_name, false from caseload_counts where not is_council
),

final as (
    select
        spine.la_code,
        spine.period_end,
        case when spine.is_council then 'council' else 'team' end as level,
        spine.team_name as team,
        coalesce(in_post_counts.employed_fte, 0) as employed_fte,
        coalesce(in_post_counts.employed_headcount, 0) as employed_headcount,
        coalesce(in_post_counts.agency_fte, 0) as agency_fte,
        coalesce(in_post_counts.agency_headcount, 0) as agency_headcount,
        coalesce(movement_counts.starters, 0) as starters,
        coalesce(movement_counts.leavers, 0) as leavers,
        coalesce(movement_counts.leavers_fte_12m, 0) as leavers_fte_12m,
        -- NULL, not 0, where no establishment or staff-list extract speaks for the month.
        vacancy_counts.funded_fte,
        vacancy_counts.vacant_fte,
        caseload_counts.case_holding_fte,
        caseload_counts.cases_held,
        caseload_spread.case_holders_counted,
        caseload_spread.case_holders_over_20,
        caseload_spread.case_holders_over_25,
        coalesce(in_post_counts.newly_qualified_headcount, 0) as newly_qualified_headcount,
        coalesce(in_post_counts.qualified_date_known_headcount, 0) as qualified_date_known_headcount
    from spine
    left join in_post_counts
        on in_post_counts.la_code = spine.la_code and in_post_counts.period_end = spine.period_end
        and in_post_counts.is_council = spine.is_council
        and in_post_counts.team_name is not distinct from spine.team_name
    left join movement_counts
        on movement_counts.la_code = spine.la_code and movement_counts.period_end = spine.period_end
        and movement_counts.is_council = spine.is_council
        and movement_counts.team_name is not distinct from spine.team_name
    left join vacancy_counts
        on vacancy_counts.la_code = spine.la_code and vacancy_counts.period_end = spine.period_end
        and vacancy_counts.is_council = spine.is_council
        and vacancy_counts.team_name is not distinct from spine.team_name
    left join caseload_counts
        on caseload_counts.la_code = spine.la_code and caseload_counts.period_end = spine.period_end
        and caseload_counts.is_council = spine.is_council
        and caseload_counts.team_name is not distinct from spine.team_name
    left join caseload_spread
        on caseload_spread.la_code = spine.la_code and caseload_spread.period_end = spine.period_end
        and caseload_spread.is_council = spine.is_council
        and caseload_spread.team_name is not distinct from spine.team_name
)

select * from final
