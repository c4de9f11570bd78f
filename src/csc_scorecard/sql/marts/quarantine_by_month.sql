-- Source rows set aside from staging, by council, month of the extract, raw table and reason: what
-- the board pack's data-quality panel says was kept out of the month's figures. A row with
-- several problems of one reason counts once.
-- grain: la_code, period_end, raw_table, reason
with quarantine as (
    select la_code, extract_date, raw_table, file_hash, source_row, reason from staging.quarantine
),

final as (
    select
        la_code,
        last_day(extract_date) as period_end,
        raw_table,
        reason,
        count(distinct (file_hash, source_row)) as source_rows
    from quarantine
    group by all
)

select * from final
order by la_code, period_end, source_rows desc, raw_table, reason
