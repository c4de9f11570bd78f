-- metric_id: strategy_discussions_within_1wd_12m
-- title: Strategy discussions within one working day of the referral
-- area: Front door
-- definition: Of strategy discussions that began a section 47 enquiry in the 12 months to period end (CIN census S47ActualStartDate, the date of the strategy discussion initiating the enquiry), the percentage held within one working day of the referral of the same episode (CINreferralDate of the same CINdetails; same day = 0; weekends and England bank holidays not counted). An enquiry begun later in the episode, on new concerns, counts as not within one day: read the figure with that in mind.
-- unit: percent
-- polarity: neutral
-- window: 12m
-- dfe_reference: CIN census guide (CINreferralDate, S47ActualStartDate); Working Together to Safeguard Children 2023 (strategy discussion when there is reasonable cause to suspect significant harm); local measure, no DfE national figure
-- display_order: 19
-- members: a strategy discussion starting a section 47 enquiry in the 12 months, with its referral's date; in the numerator if within one working day of the referral
with periods as (
    select * from marts.reporting_periods
),

strategy_discussions as (
    select * from marts.strategy_discussions
),

members as (
    select
        periods.la_code,
        periods.period_end,
        strategy_discussions.child_key,
        strategy_discussions.discussion_date as record_date,
        strategy_discussions.working_days_from_referral <= 1 as in_numerator,
        true as in_denominator
    from periods
    inner join strategy_discussions
        on strategy_discussions.la_code = periods.la_code
        and strategy_discussions.discussion_date between periods.window_12m_start and periods.period_end
    -- A referral quarantined out of staging leaves its enquiry without a date to count from.
    where strategy_discussions.referral_date is not null
),

counted as (
    select
        periods.la_code,
        periods.period_end,
        count(members.record_date) as discussions,
        count(members.record_date) filter (where members.in_numerator) as within_1_day
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * within_1_day / nullif(discussions, 0) as value,
        within_1_day as numerator,
        discussions as denominator
    from counted
)

select * from final
