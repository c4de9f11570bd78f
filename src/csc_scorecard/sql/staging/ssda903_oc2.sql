-- Outcomes of children looked after 12 months or more (SSDA903 oc2), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_oc2
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        child_key(_la_code, clean_id(CHILD)) as child_key,
        uk_date(DOB) as date_of_birth,
        try_cast(trim(SDQ_SCORE) as integer) as sdq_score,
        clean_code(SDQ_REASON) as sdq_reason,
        yes_no(CONVICTED) as is_convicted,
        yes_no(HEALTH_CHECK) as had_health_check,
        yes_no(IMMUNISATIONS) as immunisations_up_to_date,
        yes_no(TEETH_CHECK) as had_teeth_check,
        yes_no(HEALTH_ASSESSMENT) as had_health_assessment,
        yes_no(SUBSTANCE_MISUSE) as had_substance_misuse,
        yes_no(INTERVENTION_RECEIVED) as received_intervention,
        yes_no(INTERVENTION_OFFERED) as offered_intervention,
        problems([
            required('CHILD', CHILD),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            must_be_whole_number('SDQ_SCORE', SDQ_SCORE),
            must_be_yes_no('CONVICTED', CONVICTED),
            must_be_yes_no('HEALTH_CHECK', HEALTH_CHECK),
            must_be_yes_no('IMMUNISATIONS', IMMUNISATIONS),
            must_be_yes_no('TEETH_CHECK', TEETH_CHECK),
            must_be_yes_no('HEALTH_ASSESSMENT', HEALTH_ASSESSMENT),
            must_be_yes_no('SUBSTANCE_MISUSE', SUBSTANCE_MISUSE),
            must_be_yes_no('INTERVENTION_RECEIVED', INTERVENTION_RECEIVED),
            must_be_yes_no('INTERVENTION_OFFERED', INTERVENTION_OFFERED)
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
