-- Each care leaver aged 17 to 21 at each period end in Ofsted Annex A list 9 of a workbook from the
-- month, and whether a personal adviser is named (the 2024 template's Allocated Personal Advisor).
-- The list is as at the workbook's date, so only a workbook from the month itself speaks for it (the
-- month's latest, if the council sent more than one): a month without one has no row, a month whose
-- list holds nobody aged 17 to 21 has one row with no one in it. Qualifying care leavers are left
-- out: the duty to appoint a personal adviser does not cover them. One row a care leaver.
-- grain: la_code, period_end, child_key
with periods as (
    select * from marts.reporting_periods
),

list_9_snapshots as (
    select * from staging.annex_a_list_9
),

workbook_in_month as (
    select periods.la_code, periods.period_end, max(list_9_snapshots.extract_date) as extract_date
    from periods
    inner join list_9_snapshots
        on list_9_snapshots.la_code = periods.la_code
        and list_9_snapshots.extract_date between periods.month_start and periods.period_end
    group by all
),

aged_17_to_21 as (
    select
        workbook_in_month.la_code,
        workbook_in_month.period_end,
        list_9_snapshots.child_key,
        -- A name, not a word for none: councils write "None" or "N/A" where no adviser is allocated.
        list_9_snapshots.allocated_personal_advisor is not null
            and lower(list_9_snapshots.allocated_personal_advisor)
                not in ('none', 'n/a', 'na', 'no', '-', 'not allocated', 'unallocated') as has_personal_adviser
    from workbook_in_month
    inner join list_9_snapshots
        on list_9_snapshots.la_code = workbook_in_month.la_code
        and list_9_snapshots.extract_date = workbook_in_month.extract_date
    -- 17th birthday on or before period end, 22nd after it.
    where list_9_snapshots.date_of_birth + interval 17 year <= workbook_in_month.period_end
        and list_9_snapshots.date_of_birth + interval 22 year > workbook_in_month.period_end
        and lower(coalesce(list_9_snapshots.eligibility_category, '')) not like 'qualifying%'
        and list_9_snapshots.child_key is not null
),

one_row_a_care_leaver as (
    select la_code, period_end, child_key, bool_or(has_personal_adviser) as has_personal_adviser
    from aged_17_to_21
    group by all
),

final as (
    select
        workbook_in_month.la_code,
        workbook_in_month.period_end,
        one_row_a_care_leaver.child_key,
        one_row_a_care_leaver.has_personal_adviser
    from workbook_in_month
    left join one_row_a_care_leaver using (la_code, period_end)
)

select * from final
