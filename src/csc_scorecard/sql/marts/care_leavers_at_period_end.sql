-- Each care leaver aged 19 to 21 at each period end, as the month's SSDA903 extract records them.
-- oc3 is a snapshot without dates of its own, so only an extract from the month itself speaks
-- for it (the month's latest, if the council sent more than one): a month without one has no row,
-- a month whose extract holds nobody aged 19 to 21 has one row with no one in it, so
-- marts.care_leavers_by_period counts zeros. Those who have died are left out.
-- grain: la_code, period_end, child_key
with periods as (
    select * from marts.reporting_periods
),

oc3_snapshots as (
    select * from staging.ssda903_oc3
),

extract_in_month as (
    select periods.la_code, periods.period_end, max(oc3_snapshots.extract_date) as extract_date
    from periods
    inner join oc3_snapshots
        on oc3_snapshots.la_code = periods.la_code
        and oc3_snapshots.extract_date between periods.month_start and periods.period_end
    group by all
),

aged_19_to_21 as (
    select extract_in_month.la_code, extract_in_month.period_end, oc3_snapshots.*
        exclude (la_code, extract_date, file_hash)
    from extract_in_month
    inner join oc3_snapshots
        on oc3_snapshots.la_code = extract_in_month.la_code
        and oc3_snapshots.extract_date = extract_in_month.extract_date
    -- 19th birthday on or before period end, 22nd after it.
    where oc3_snapshots.date_of_birth + interval 19 year <= extract_in_month.period_end
        and oc3_snapshots.date_of_birth + interval 22 year > extract_in_month.period_end
),

flagged as (
    select
        *,
        in_touch = 'YES' as is_in_touch,
        -- ACCOM: a letter for the kind of accommodation, then 1 suitable or 2 unsuitable.
        accommodation similar to '[A-Z]1' as is_suitably_accommodated,
        activity in ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5') as is_in_eet
    from aged_19_to_21
    where in_touch is distinct from 'DIED'
),

final as (
    select
        extract_in_month.la_code,
        extract_in_month.period_end,
        flagged.child_key,
        flagged.is_in_touch,
        flagged.is_suitably_accommodated,
        flagged.is_in_eet
    from extract_in_month
    left join flagged using (la_code, period_end)
)

select * from final
