-- Outcomes of children looked after 12 months or more (SSDA903 oc2), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_oc2.toml, through checked.ssda903_oc2).
with source as (
    select * from checked.ssda903_oc2
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
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
