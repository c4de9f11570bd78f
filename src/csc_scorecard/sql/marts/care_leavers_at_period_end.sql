-- Each care leaver aged 17 to 21 at each period end, by age band (17-18, 19-21), from the two lists
-- that record them: the SSDA903 oc3 table (in touch, accommodation, activity; since 2016-17 it holds
-- care leavers aged 17 and 18 as well as 19 to 21) and Ofsted Annex A list 9 (personal adviser, the
-- 2024 template). The rules for the care leaver measures live here; marts.care_leavers_by_period
-- counts them and metrics.metric_members lists them.
-- Both lists are snapshots without dates of their own, so only an extract from the month itself
-- speaks for it (the month's latest, if the council sent more than one): a month without one has no
-- row for that list, a month whose list holds nobody aged 17 to 21 has one row with no one in it, so
-- the counts are zeros. Those recorded in oc3 as having died are left out; so are list 9's qualifying
-- care leavers, whom the duty to appoint a personal adviser does not cover. One row a care leaver.
-- grain: la_code, period_end, source, child_key
with periods as (
    select * from marts.reporting_periods
),

oc3_snapshots as (
    select * from staging.ssda903_oc3
),

list_9_snapshots as (
    select * from staging.annex_a_list_9
),

extract_in_month as (
    select periods.la_code, periods.period_end, 'ssda903_oc3' as source, max(oc3_snapshots.extract_date) as extract_date
    from periods
    inner join oc3_snapshots
        on oc3_snapshots.la_code = periods.la_code
        and oc3_snapshots.extract_date between periods.month_start and periods.period_end
    group by all
    union all
    select periods.la_code, periods.period_end, 'annex_a_list_9' as source, max(list_9_snapshots.extract_date)
    from periods
    inner join list_9_snapshots
        on list_9_snapshots.la_code = periods.la_code
        and list_9_snapshots.extract_date between periods.month_start and periods.period_end
    group by all
),

oc3_leavers as (
    select
        extract_in_month.la_code,
        extract_in_month.period_end,
        extract_in_month.source,
        oc3_snapshots.child_key,
        oc3_snapshots.date_of_birth,
        oc3_snapshots.in_touch = 'YES' as is_in_touch,
        -- ACCOM: a letter for the kind of accommodation, then 1 suitable or 2 unsuitable.
        oc3_snapshots.accommodation similar to '[A-Z]1' as is_suitably_accommodated,
        oc3_snapshots.activity in ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5') as is_in_eet,
        null::boolean as has_personal_adviser
    from extract_in_month
    inner join oc3_snapshots
        on oc3_snapshots.la_code = extract_in_month.la_code
        and oc3_snapshots.extract_date = extract_in_month.extract_date
    where extract_in_month.source = 'ssda903_oc3'
        and oc3_snapshots.in_touch is distinct from 'DIED'
),

list_9_leavers as (
    select
        extract_in_month.la_code,
        extract_in_month.period_end,
        extract_in_month.source,
        list_9_snapshots.child_key,
        -- A care leaver listed twice is one care leaver: the first row's date of birth speaks.
        arg_min(list_9_snapshots.date_of_birth, list_9_snapshots.source_row) as date_of_birth,
        null::boolean as is_in_touch,
        null::boolean as is_suitably_accommodated,
        null::boolean as is_in_eet,
        -- A name, not a word for none: councils write "None" or "N/A" where no adviser is allocated.
        bool_or(list_9_snapshots.allocated_personal_advisor is not null
            and lower(list_9_snapshots.allocated_personal_advisor)
                not in ('none', 'n/a', 'na', 'no', '-', 'not allocated', 'unallocated')) as has_personal_adviser
    from extract_in_month
    inner join list_9_snapshots
        on list_9_snapshots.la_code = extract_in_month.la_code
        and list_9_snapshots.extract_date = extract_in_month.extract_date
    where extract_in_month.source = 'annex_a_list_9'
        and lower(coalesce(list_9_snapshots.eligibility_category, '')) not like 'qualifying%'
        and list_9_snapshots.child_key is not null
    group by extract_in_month.la_code, extract_in_month.period_end, extract_in_month.source, list_9_snapshots.child_key
),

aged_17_to_21 as (
    select
        *,
        -- The birthday on or before period end counts: 17 on the day is 17.
        case
            when date_of_birth + interval 19 year <= period_end and date_of_birth + interval 22 year > period_end
                then '19-21'
            when date_of_birth + interval 17 year <= period_end and date_of_birth + interval 19 year > period_end
                then '17-18'
        end as age_band
    from (select * from oc3_leavers union all by name select * from list_9_leavers)
    where date_of_birth + interval 17 year <= period_end
        and date_of_birth + interval 22 year > period_end
),

final as (
    select
        extract_in_month.la_code,
        extract_in_month.period_end,
        extract_in_month.source,
        aged_17_to_21.child_key,
        aged_17_to_21.age_band,
        aged_17_to_21.is_in_touch,
        aged_17_to_21.is_suitably_accommodated,
        aged_17_to_21.is_in_eet,
        aged_17_to_21.has_personal_adviser
    from extract_in_month
    left join aged_17_to_21 using (la_code, period_end, source)
)

select * from final
