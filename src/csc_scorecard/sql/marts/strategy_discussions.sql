-- Each strategy discussion that initiated a section 47 enquiry (CIN census S47ActualStartDate, "the
-- date of the strategy discussion initiating the section 47 enquiry"), as the latest extract records
-- it, with the referral of the same episode (CINdetails) and the working days from that referral to
-- the discussion: same day = 0, weekends and England bank holidays not counted.
-- grain: la_code, child_key, discussion_date
with section47 as (
    select * from marts.section47
),

cin_referrals as (
    select * from latest_extract('staging.cin_referrals')
),

calendar as (
    select * from reference.calendar
),

final as (
    select
        section47.la_code,
        section47.child_key,
        section47.s47_start_date as discussion_date,
        cin_referrals.referral_date,
        discussed.working_day_number - referred.working_day_number as working_days_from_referral
    from section47
    -- The enquiry's own episode: the same file and position in it as its CINdetails.
    left join cin_referrals
        on cin_referrals.la_code = section47.la_code
        and cin_referrals.extract_date = section47.extract_date
        and cin_referrals.source_file = section47.source_file
        and cin_referrals.child_seq = section47.child_seq
        and cin_referrals.referral_seq = section47.referral_seq
    left join calendar as discussed
        on discussed.calendar_date = section47.s47_start_date
    left join calendar as referred
        on referred.calendar_date = cin_referrals.referral_date
)

select * from final
