-- Each referral of the 12 months to each period end (CIN census CINdetails) with the group its
-- ReferralSource falls in, as the DfE's Characteristics of children in need tables group them: the
-- board's breakdown of where referrals come from, and the one place the source codes are named.
-- One row a referral a period; a period with no referral has one row with no referral, so its
-- breakdown reads zero rather than disappearing.
-- grain: la_code, period_end, child_key, referral_date
with periods as (
    select * from marts.reporting_periods
),

referrals as (
    select * from marts.referrals
),

-- CIN census ReferralSource codes (CIN census guide; REFERENCE.md): 1A-1D individuals, 2A schools,
-- 2B other education services, 3A-3F health services, 4 housing, 5A-5D local authority services,
-- 6 police, 7 other legal agency, 8 other, 9 anonymous, 10 unknown.
source_groups as (
    select * from (values
        ('1A', 'Individual'), ('1B', 'Individual'), ('1C', 'Individual'), ('1D', 'Individual'),
        ('2A', 'Schools'), ('2B', 'Education services'),
        ('3A', 'Health services'), ('3B', 'Health services'), ('3C', 'Health services'),
        ('3D', 'Health services'), ('3E', 'Health services'), ('3F', 'Health services'),
        ('4', 'Housing'),
        ('5A', 'Local authority services'), ('5B', 'Local authority services'),
        ('5C', 'Local authority services'), ('5D', 'Local authority services'),
        ('6', 'Police'), ('7', 'Other legal agency'), ('8', 'Other'), ('9', 'Anonymous'), ('10', 'Unknown')
    ) as source_groups(referral_source, source_group)
),

final as (
    select
        periods.la_code,
        periods.period_end,
        referrals.child_key,
        referrals.referral_date,
        referrals.referral_source,
        -- A referral whose source is blank is counted, as the DfE counts it: source unknown.
        case when referrals.referral_date is not null
             then coalesce(source_groups.source_group, 'Unknown') end as source_group
    from periods
    left join referrals
        on referrals.la_code = periods.la_code
        and referrals.referral_date between periods.window_12m_start and periods.period_end
    left join source_groups
        on source_groups.referral_source = referrals.referral_source
)

select * from final
