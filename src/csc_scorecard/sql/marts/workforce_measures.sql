-- The workforce measures, per month, for the whole service (level 'council', team NULL) and for
-- each team, in long form: measure, value, numerator, denominator. Each measure's formula is
-- written here once; the Workforce metrics in sql/metrics/ read their council-level rows.
-- Definitions: docs/workforce.md (DfE children's social work workforce, REFERENCE.md).
-- grain: la_code, period_end, level, team, measure
with workforce as (
    select * from marts.workforce_by_team_period
),

measures as (
    select la_code, period_end, level, team, m.*
    from workforce
    cross join lateral (values
        -- Social workers in post: council employees (permanent and fixed-term), as DfE counts them.
        ('social_workers_fte', employed_fte, employed_fte, null),
        ('social_workers_headcount', employed_headcount, employed_headcount, null),
        ('agency_fte', agency_fte, agency_fte, null),
        ('agency_headcount', agency_headcount, agency_headcount, null),
        ('agency_worker_rate', 100.0 * agency_fte / nullif(agency_fte + employed_fte, 0),
            agency_fte, agency_fte + employed_fte),
        ('vacancy_fte', vacant_fte, vacant_fte, null),
        ('vacancy_rate', 100.0 * vacant_fte / nullif(vacant_fte + employed_fte, 0),
            vacant_fte, vacant_fte + employed_fte),
        ('starters', starters, starters, null),
        ('leavers', leavers, leavers, null),
        ('turnover_rate_12m', 100.0 * leavers_fte_12m / nullif(employed_fte, 0), leavers_fte_12m, employed_fte),
        ('caseload_per_fte', cases_held / nullif(case_holding_fte, 0), cases_held, case_holding_fte),
        -- Headcount, not FTE: a part-time worker with 22 cases holds more than 20 cases.
        ('case_holders_over_20_cases_rate', 100.0 * case_holders_over_20 / nullif(case_holders_counted, 0),
            case_holders_over_20, case_holders_counted),
        ('case_holders_over_25_cases_rate', 100.0 * case_holders_over_25 / nullif(case_holders_counted, 0),
            case_holders_over_25, case_holders_counted),
        ('newly_qualified_rate', 100.0 * newly_qualified_headcount / nullif(qualified_date_known_headcount, 0),
            newly_qualified_headcount, qualified_date_known_headcount)
    ) as m(measure, value, numerator, denominator)
),

final as (
    select
        la_code,
        period_end,
        level,
        team,
        measure,
        value::double as value,
        numerator::double as numerator,
        denominator::double as denominator
    from measures
    -- A vacancy or caseload figure needs an establishment or staff-list extract for the month:
    -- no row rather than a false zero.
    where not (measure in ('vacancy_fte', 'vacancy_rate') and numerator is null)
        and not (measure in ('caseload_per_fte', 'case_holders_over_20_cases_rate',
                             'case_holders_over_25_cases_rate') and denominator is null)
)

select * from final
