-- metric_id: referral_nfa_rate_12m
-- title: Referrals ending in no further action
-- area: Front door
-- definition: Of referrals in the 12 months to period end, the percentage recorded as no further action (ReferralNFA true).
-- unit: percent
-- polarity: lower_is_better
-- window: 12m
-- change_threshold: 1.0
-- lait_indicator: Referrals to children's social care resulting in no further action (%)
-- dfe_reference: DfE Characteristics of children in need, referrals resulting in NFA (England 6.5%, 2025)
-- display_order: 14
-- members: a referral in the 12 months; in the numerator if it led to no further action
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
        coalesce(referrals.referral_nfa, false) as in_numerator,
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
        count(members.record_date) filter (where members.in_numerator) as nfa_referrals
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * nfa_referrals / nullif(referrals, 0) as value,
        nfa_referrals as numerator,
        referrals as denominator
    from counted
)

select * from final
