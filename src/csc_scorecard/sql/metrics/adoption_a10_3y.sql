-- metric_id: adoption_a10_3y
-- title: A10: days from entering care to moving in with the adoptive family
-- area: Adoption and fostering
-- definition: Of children adopted (episode ceased E11 or E12) in the 36 months to period end, the average days from entering care (the start of the period of care they were adopted from) to moving in with their adoptive family; for adoptions by the child's foster carers (ad1 FOSTER_CARE = 1), the day the child moved in with them as foster carers.
-- unit: days
-- polarity: lower_is_better
-- window: 3y
-- change_threshold: 10
-- dfe_reference: DfE Adoption scorecard A10 (3-year average; adjusted for foster carer adoptions)
-- display_order: 72
-- members: a child adopted in the 36 months, their days counted in the average
with periods as (
    select * from marts.reporting_periods
),

adoptions as (
    select * from marts.adoptions
),

members as (
    select
        periods.la_code,
        periods.period_end,
        adoptions.child_key,
        adoptions.adopted_date as record_date,
        adoptions.days_care_to_moved_in as days,
        true as in_numerator,
        true as in_denominator
    from periods
    inner join adoptions
        on adoptions.la_code = periods.la_code
        and adoptions.adopted_date between periods.window_3y_start and periods.period_end
    where adoptions.days_care_to_moved_in is not null
),

summed as (
    select
        periods.la_code,
        periods.period_end,
        sum(members.days) as total_days,
        count(members.days) as children
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select
        la_code,
        period_end,
        total_days / nullif(children, 0) as value,
        coalesce(total_days, 0) as numerator,
        children as denominator
    from summed
)

select * from final
