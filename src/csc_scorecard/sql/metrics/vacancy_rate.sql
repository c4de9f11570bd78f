-- metric_id: vacancy_rate
-- title: Social worker vacancy rate
-- area: Workforce
-- definition: Funded social-worker FTE not filled by an employee (agency-covered posts count as vacant) as a percentage of vacant plus employed FTE at period end, posts matched by team and role, using the establishment extract in force then.
-- unit: percent
-- polarity: lower_is_better
-- window: snapshot
-- change_threshold: 1.0
-- lait_indicator: Children and family social workers: vacancy rate (FTE) (%)
-- dfe_reference: DfE Children's social work workforce, vacancy rate (England 18.9%, 30 September 2023)
-- display_order: 92
-- counts: staff
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'vacancy_rate'
)

select * from final
