-- metric_id: referrals
-- title: Referrals
-- area: Front door
-- definition: Referrals to children's social care (CIN census CINdetails) with a referral date in the month.
-- unit: count
-- polarity: neutral
-- window: month
-- dfe_reference: DfE Characteristics of children in need; CIN census guidance (CINreferralDate)
-- display_order: 12
-- members: a referral in the month
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
        true as in_numerator,
        false as in_denominator
    from periods
    inner join referrals
        on referrals.la_code = periods.la_code
        and referrals.referral_date between periods.month_start and periods.period_end
),

counted as (
    select periods.la_code, periods.period_end, count(members.record_date) as referrals
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select la_code, period_end, referrals as value, referrals as numerator, null as denominator
    from counted
)

select * from final
