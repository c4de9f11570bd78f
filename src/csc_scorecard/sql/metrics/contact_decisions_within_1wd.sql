-- metric_id: contact_decisions_within_1wd
-- title: Contact decisions within one working day
-- area: Front door
-- definition: Of contacts in the month (Annex A list 1, from the newest workbook that covers the whole month) whose decision date is recorded, the percentage decided within one working day of the contact (Date of Contact to Date of Decision; same day = 0; weekends and England bank holidays not counted). A contact not yet decided is left out; a workbook without the decision column gives no figure.
-- unit: percent
-- polarity: higher_is_better
-- window: month
-- dfe_reference: Ofsted ILACS Annex A list 1 with the decision date many councils add to it; local measure (MASH / front door decisions within one working day, typical target 95%), no DfE national figure
-- display_order: 15
-- members: a contact in the month with its decision date recorded; in the numerator if decided within one working day
with front_door_events as (
    select * from marts.front_door_events
),

members as (
    select
        la_code,
        period_end,
        child_key,
        event_date as record_date,
        working_days_to_decision <= 1 as in_numerator,
        true as in_denominator
    from front_door_events
    where event = 'contact' and decision_date is not null and child_key is not null
),

counted as (
    -- Every month a workbook covers, so a month whose contacts carry no decision date has no figure.
    select
        front_door_events.la_code,
        front_door_events.period_end,
        count(*) filter (where front_door_events.event = 'contact'
                         and front_door_events.decision_date is not null) as decided,
        count(*) filter (where front_door_events.working_days_to_decision <= 1) as within_1_day
    from front_door_events
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * within_1_day / nullif(decided, 0) as value,
        within_1_day as numerator,
        decided as denominator
    from counted
)

select * from final
