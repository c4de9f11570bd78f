-- CIN assessments (CIN census Assessments module), typed.
with source as (
    select * from raw.cin_assessments
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _child_seq as child_seq,
        _referral_seq as referral_seq,
        clean_id(LAchildID) as child_id,
        iso_date(AssessmentActualStartDate) as assessment_start_date,
        iso_date(AssessmentInternalReviewDate) as assessment_review_date,
        iso_date(AssessmentAuthorisationDate) as assessment_authorised_date,
        AssessmentFactors as assessment_factors
    from source
),

final as (
    select * from renamed
)

select * from final
