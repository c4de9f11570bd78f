-- CIN assessments (CIN census Assessments module), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    -- each row with its child's key, read from staging.cin_children (sql/macros.sql)
    select * from with_child_key('raw.cin_assessments', 'staging.cin_children')
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        _child_seq as child_seq,
        _referral_seq as referral_seq,
        _child_key as child_key,
        iso_date(AssessmentActualStartDate) as assessment_start_date,
        iso_date(AssessmentInternalReviewDate) as assessment_review_date,
        iso_date(AssessmentAuthorisationDate) as assessment_authorised_date,
        nullif(trim(AssessmentFactors), '') as assessment_factors,
        problems([
            required('LAchildID', LAchildID),
            required('AssessmentActualStartDate', AssessmentActualStartDate),
            must_be_iso_date('AssessmentActualStartDate', AssessmentActualStartDate),
            must_not_be_after_extract('AssessmentActualStartDate', AssessmentActualStartDate, iso_date(AssessmentActualStartDate), _extract_date),
            must_be_iso_date('AssessmentInternalReviewDate', AssessmentInternalReviewDate),
            must_be_iso_date('AssessmentAuthorisationDate', AssessmentAuthorisationDate),
            must_not_be_after_extract('AssessmentAuthorisationDate', AssessmentAuthorisationDate, iso_date(AssessmentAuthorisationDate), _extract_date),
            must_not_be_before('AssessmentAuthorisationDate', AssessmentAuthorisationDate,
                               iso_date(AssessmentAuthorisationDate),
                               'AssessmentActualStartDate', iso_date(AssessmentActualStartDate))
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
