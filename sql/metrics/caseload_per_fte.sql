-- metric_id: caseload_per_fte
-- title: Average caseload
-- area: Workforce
-- definition: Cases held by case-holding social workers in post at the month's staff-list extract, divided by their FTE.
-- unit: ratio
-- polarity: lower_is_better
-- window: snapshot
-- dfe_reference: DfE Children's social work workforce, caseload per case-holding FTE (England 16.0, 30 September 2023)
-- display_order: 93
with workforce as (
    select * from marts.workforce_by_period
),

final as (
    select
        la_code,
        period_end,
        cases_held / nullif(case_holding_fte, 0) as value,
        cases_held as numerator,
        case_holding_fte as denominator
    from workforce
    -- Caseloads exist only for months with a staff-list extract.
    where case_holding_fte is not null
)

select * from final
