-- metric_id: cla_long_term_stability
-- title: Long-term placement stability
-- area: Children in care
-- definition: Of children under 16 at period end who had been looked after continuously for at least 2.5 years, the percentage who had lived with the same carers for at least 2 years (a move to the same carers as adopters, RNE U or B, or a change of legal status only does not break it). Children whose date of birth the SSDA903 header lacks are left out.
-- unit: percent
-- polarity: higher_is_better
-- window: snapshot
-- change_threshold: 1.0
-- lait_indicator: Children looked after for 2.5 years or more who were in the same placement for 2 years (%)
-- dfe_reference: DfE Children looked after in England, long-term placement stability (England 68%, 2024)
-- display_order: 54
-- members: a child under 16 looked after for 2.5 years or more; in the numerator if with the same carers for 2 years
with periods as (
    select * from marts.reporting_periods
),

looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

long_term as (
    -- Under 16 at period end and looked after continuously for at least two and a half years.
    select *
    from looked_after_at_period_end
    where age_at_period_end < 16
        and care_start_date <= period_end - interval 30 month
),

members as (
    select
        la_code,
        period_end,
        child_key,
        care_start_date as record_date,
        coalesce(with_carer_since_date <= period_end - interval 2 year, false) as in_numerator,
        true as in_denominator
    from long_term
),

counted as (
    select
        la_code,
        period_end,
        count(*) as children,
        count(*) filter (where in_numerator) as same_placement_2_years
    from members
    group by all
),

final as (
    select
        periods.la_code,
        periods.period_end,
        100.0 * coalesce(counted.same_placement_2_years, 0) / nullif(coalesce(counted.children, 0), 0) as value,
        coalesce(counted.same_placement_2_years, 0) as numerator,
        coalesce(counted.children, 0) as denominator
    from periods
    left join counted using (la_code, period_end)
)

select * from final
