-- Social worker episodes (SSDA903 sw_episodes, 2023/24 on), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_sw_episodes
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
        clean_id(SW_ID) as social_worker_id,
        uk_date(SW_DECOM) as sw_episode_start_date,
        uk_date(SW_DEC) as sw_episode_end_date,
        clean_code(SW_REASON) as reason_sw_change,
        problems([
            required('CHILD', CHILD),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            required('SW_DECOM', SW_DECOM),
            must_be_uk_date('SW_DECOM', SW_DECOM),
            must_not_be_after_extract('SW_DECOM', SW_DECOM, uk_date(SW_DECOM), _extract_date),
            must_be_uk_date('SW_DEC', SW_DEC),
            must_not_be_after_extract('SW_DEC', SW_DEC, uk_date(SW_DEC), _extract_date)
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
