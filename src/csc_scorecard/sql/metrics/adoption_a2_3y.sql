-- metric_id: adoption_a2_3y
-- title: A2: days from placement order to match
-- area: Adoption and fostering
-- definition: Of children adopted (episode ceased E11 or E12) in the 36 months to period end with a placement order (legal status E1) and a match date (ad1 DATE_MATCH), the average days from the placement order to the match with their adopters; a match before the order counts as 0 days.
-- unit: days
-- polarity: lower_is_better
-- window: 3y
-- change_threshold: 10
-- dfe_reference: DfE Adoption scorecard A2 (3-year average; historic threshold 4 months, about 121 days, unverified)
-- display_order: 74
-- members: a child adopted in the 36 months with a placement order and a match date, their days counted in the average
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
        adoptions.days_order_to_match as days,
        true as in_numerator,
        true as in_denominator
    from periods
    inner join adoptions
        on adoptions.la_code = periods.la_code
        and adoptions.adopted_date between periods.window_3y_start and periods.period_end
    where adoptions.days_order_to_match is not null
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
