-- Episodes of looked-after children missing (M) or away without authorisation (A),
-- as the latest SSDA903 extract records them.
-- grain: la_code, child_key, missing_start_date
with ssda903_missing as (
    select * from latest_extract('staging.ssda903_missing')
),

final as (
    select
        *,
        missing_type = 'M' as is_missing
    from ssda903_missing
    where missing_start_date is not null
)

select * from final
