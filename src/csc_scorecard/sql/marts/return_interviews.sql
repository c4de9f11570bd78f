-- Each child in care who went missing in the 12 months before a workbook from the month (Ofsted
-- Annex A list 8: Number of Episodes the Child has been Missing from their Placement in the last
-- 12 months above 0), and whether a return interview was offered, and accepted, after the last
-- missing episode. The list is as at the workbook's date, so only a workbook from the month speaks
-- for it (the month's latest, if more than one): a month without one has no row, a month whose
-- list holds nobody who went missing has one row with no one in it. One row a child.
-- The SSDA903 missing table carries no return interview, so list 8 is the only source.
-- grain: la_code, period_end, child_key
with periods as (
    select * from marts.reporting_periods
),

list_8_snapshots as (
    select * from staging.annex_a_list_8
),

workbook_in_month as (
    select periods.la_code, periods.period_end, max(list_8_snapshots.extract_date) as extract_date
    from periods
    inner join list_8_snapshots
        on list_8_snapshots.la_code = periods.la_code
        and list_8_snapshots.extract_date between periods.month_start and periods.period_end
    group by all
),

went_missing as (
    select
        list_8_snapshots.la_code,
        list_8_snapshots.extract_date,
        list_8_snapshots.child_key,
        -- Annex A writes Y/N as `a) Yes`; staging keeps the word, yes_no reads it. Blank is not offered.
        coalesce(yes_no(list_8_snapshots.was_the_child_offered_a_return_interview_after_their_last_missing_episode_y_n),
                 false) as offered,
        coalesce(yes_no(list_8_snapshots.did_the_child_accept_a_return_interview_after_their_last_missing_episode_y_n),
                 false) as accepted
    from list_8_snapshots
    where list_8_snapshots.number_of_episodes_the_child_has_been_missing_from_their_placement_in_the_last_12_months > 0
        and list_8_snapshots.child_key is not null
),

final as (
    -- A child listed twice (two placements in the period) counts once, offered if either row says so.
    select
        workbook_in_month.la_code,
        workbook_in_month.period_end,
        went_missing.child_key,
        bool_or(went_missing.offered) as offered,
        bool_or(went_missing.offered and went_missing.accepted) as accepted
    from workbook_in_month
    left join went_missing
        on went_missing.la_code = workbook_in_month.la_code
        and went_missing.extract_date = workbook_in_month.extract_date
    group by all
)

select * from final
