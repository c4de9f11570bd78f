-- metric_id: adoption_a1_3y
-- title: A1: days from entering care to placement for adoption
-- area: Adoption and fostering
-- definition: Of children adopted (episode ceased E11 or E12) in the 36 months to period end, the average days from entering care (the start of the period of care they were adopted from) to their first placement for adoption (placement A3-A6), foster carer adoptions not adjusted.
-- unit: days
-- polarity: lower_is_better
-- window: 3y
-- change_threshold: 10
-- dfe_reference: DfE Adoption scorecard A1 (3-year average; historic threshold 14 months, about 426 days, unverified)
-- display_order: 73
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
        adoptions.days_care_to_placed as days,
        true as in_numerator,
        true as in_denominator
    from periods
    inner join adoptions
        on adoptions.la_code = periods.la_code
        and adoptions.adopted_date between periods.window_3y_start and periods.period_end
    where adoptions.days_care_to_placed is not null
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
