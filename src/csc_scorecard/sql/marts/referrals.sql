-- CIN referrals as the latest extract records them, each linked to the same
-- child's previous referral (the basis of re-referral measures).
-- grain: la_code, child_key, referral_date
with cin_referrals as (
    select * from latest_extract('staging.cin_referrals')
),

with_previous as (
    select
        *,
        lag(referral_date) over (
            partition by la_code, child_key order by referral_date, child_seq, referral_seq
        ) as previous_referral_date
    from cin_referrals
    where referral_date is not null
),

final as (
    select
        *,
        -- DfE: a re-referral is made within 12 months of the previous referral;
        -- a referral on the first anniversary counts.
        coalesce(referral_date <= previous_referral_date + interval 1 year, false) as is_rereferral
    from with_previous
)

select * from final
