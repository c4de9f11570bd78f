-- Decisions that a child should be placed for adoption (SSDA903 placed_for_adoption), typed.
with source as (
    select * from raw.ssda903_placed_for_adoption
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _row_number as source_row,
        clean_id(CHILD) as child_id,
        -- DATE_PLACED is the date of the decision that the child should be placed for adoption.
        uk_date(DATE_PLACED) as adoption_decision_date,
        uk_date(DATE_PLACED_CEASED) as adoption_decision_reversed_date,
        clean_code(REASON_PLACED_CEASED) as reason_decision_reversed
    from source
),

final as (
    select * from renamed
)

select * from final
