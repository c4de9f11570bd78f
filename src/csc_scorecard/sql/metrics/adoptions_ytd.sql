-- metric_id: adoptions_ytd
-- title: Children adopted (year to date)
-- area: Adoption and fostering
-- definition: Children who ceased to be looked after through adoption (reason ceased E11 or E12) between 1 April and period end.
-- unit: count
-- polarity: higher_is_better
-- window: ytd
-- dfe_reference: DfE Children looked after in England, adopted from care (England 3,040 in year to 31 March 2025)
-- display_order: 70
-- members: a child adopted between 1 April and period end
with periods as (
    select * from marts.reporting_periods
),

adoptions_year_to_date as (
    select * from marts.adoptions_year_to_date
),

members as (
    select
        la_code,
        period_end,
        child_key,
        adopted_date as record_date,
        true as in_numerator,
        false as in_denominator
    from adoptions_year_to_date
    where year_to_date = 'this year'
),

counted as (
    select periods.la_code, periods.period_end, count(members.child_key) as children
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select la_code, period_end, children as value, children as numerator, null as denominator
    from counted
)

select * from final
