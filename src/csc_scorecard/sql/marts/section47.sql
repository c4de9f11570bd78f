-- Section 47 enquiries as the latest CIN census extract records them, with the
-- working days from the strategy discussion that started each enquiry to its
-- initial child protection conference (the basis of the 15-working-day measure).
with cin_s47 as (
    select * from latest_extract('staging.cin_s47')
),

calendar as (
    select * from reference.calendar
),

final as (
    select
        cin_s47.*,
        -- Working days after the start up to and including the conference: same day = 0,
        -- weekends and England bank holidays not counted.
        conference.working_day_number - started.working_day_number as working_days_to_icpc
    from cin_s47
    left join calendar as started
        on started.calendar_date = cin_s47.s47_start_date
    left join calendar as conference
        on conference.calendar_date = cin_s47.icpc_date
    where cin_s47.s47_start_date is not null
)

select * from final
