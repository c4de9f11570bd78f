-- metric_id: referrals_from_health_12m
-- title: Referrals from health services
-- area: Front door
-- definition: Of referrals in the 12 months to period end (CIN census CINreferralDate), the percentage whose ReferralSource is 3A to 3F (GP, health visitor, school nurse, other primary health, A&E, other health). The whole breakdown by source is marts.referrals_by_source_12m.
-- unit: percent
-- polarity: neutral
-- window: 12m
-- dfe_reference: DfE Characteristics of children in need, referrals by source; CIN census guide (ReferralSource 3A-3F)
-- display_order: 18
-- members: a referral in the 12 months; in the numerator if a health service made it
with referrals_by_source as (
    select * from marts.referrals_by_source_12m
),

members as (
    select
        la_code,
        period_end,
        child_key,
        referral_date as record_date,
        source_group in ('Health services') as in_numerator,
        true as in_denominator
    from referrals_by_source
    where referral_date is not null
),

counted as (
    select
        la_code,
        period_end,
        count(referral_date) filter (where source_group in ('Health services')) as from_source,
        count(referral_date) as referrals
    from referrals_by_source
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * from_source / nullif(referrals, 0) as value,
        from_source as numerator,
        referrals as denominator
    from counted
)

select * from final
