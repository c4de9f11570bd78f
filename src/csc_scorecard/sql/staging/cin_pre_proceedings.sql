-- Pre-proceedings and family group decision making (CIN census 2026 PreProceedingsandFGDM module).
-- The module's fields are kept as a JSON object (module_fields) until the published XSD is
-- confirmed; read them with json_extract_string(module_fields, '$.FieldName').
with source as (
    -- each row with its child's key, read from staging.cin_children (sql/macros.sql)
    select * from with_child_key('checked.cin_pre_proceedings', 'staging.cin_children')
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
        ModuleFields::json as module_fields,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
