-- metric_id: rereferral_rate_12m
-- title: Re-referrals within 12 months
-- area: Front door
-- definition: Of referrals in the 12 months to period end, the percentage made on or before the first anniversary of the same child's previous referral.
-- unit: percent
-- polarity: lower_is_better
-- window: 12m
-- change_threshold: 1.0
-- lait_indicator: Re-referrals to children's social care within 12 months of a previous referral (%)
-- dfe_reference: DfE Characteristics of children in need, re-referral rate (England 22.6%, 2025)
-- display_order: 13
-- members: a referral in the 12 months; in the numerator if a re-referral
with periods as (
    select * from marts.reporting_periods
),

referrals as (
    select * from marts.referrals
),

members as (
    select
        periods.la_code,
        periods.period_end,
        referrals.child_key,
        referrals.referral_date as record_date,
        coalesce(referrals.is_rereferral, false) as in_numerator,
        true as in_denominator
    from periods
    inner join referrals
        on referrals.la_code = periods.la_code
        and referrals.referral_date between periods.window_12m_start and periods.period_end
),

counted as (
    select
        periods.la_code,
        periods.period_end,
        count(members.record_date) as referrals,
        count(members.record_date) filter (where members.in_numerator) as rereferrals
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * rereferrals / nullif(referrals, 0) as value,
        rereferrals as numerator,
        referrals as denominator
    from counted
)

select * from final
