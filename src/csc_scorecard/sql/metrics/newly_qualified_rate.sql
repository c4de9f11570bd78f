-- metric_id: newly_qualified_rate
-- title: Newly qualified social workers
-- area: Workforce
-- definition: Employed social workers in post at period end who qualified in the 12 months to period end (their ASYE year), as a percentage of employed social workers in post whose qualification date is recorded (headcount).
-- unit: percent
-- polarity: neutral
-- window: snapshot
-- change_threshold: 1.0
-- dfe_reference: Local measure (no DfE published rate); ASYE = assessed and supported year in employment after qualifying
-- display_order: 97
-- counts: staff
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'newly_qualified_rate'
)

select * from final
