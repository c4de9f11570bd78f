-- Section 47 enquiries as the latest CIN census extract records them, with the
-- working days from the strategy discussion that started each enquiry to its
-- initial child protection conference (the basis of the 15-working-day measure),
-- and from the referral of the same episode (CINdetails) to that strategy discussion.
with cin_s47 as (
    select * from latest_extract('staging.cin_s47')
),

cin_referrals as (
    select * from latest_extract('staging.cin_referrals')
),

calendar as (
    select * from reference.calendar
),

final as (
    select
        cin_s47.*,
        -- Working days after the start up to and including the conference: same day = 0,
        -- weekends and England bank holidays not counted.
        conference.working_day_number - started.working_day_number as working_days_to_icpc,
        cin_referrals.referral_date,
        -- S47ActualStartDate is the date of the strategy discussion that initiated the enquiry
        -- (CIN census guide); counted the same way from the referral.
        started.working_day_number - referred.working_day_number as working_days_from_referral
    from cin_s47
    left join cin_referrals
        on cin_referrals.la_code = cin_s47.la_code
        and cin_referrals.extract_date = cin_s47.extract_date
        and cin_referrals.source_file = cin_s47.source_file
        and cin_referrals.child_seq = cin_s47.child_seq
        and cin_referrals.referral_seq = cin_s47.referral_seq
    left join calendar as started
        on started.calendar_date = cin_s47.s47_start_date
    left join calendar as conference
        on conference.calendar_date = cin_s47.icpc_date
    left join calendar as referred
        on referred.calendar_date = cin_referrals.referral_date
    where cin_s47.s47_start_date is not null
)

select * from final
