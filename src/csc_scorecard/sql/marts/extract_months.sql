-- The months each council sent an extract for, one row per council and month-end: the board pack
-- publishes a page for each. Several extracts in a month (a return re-sent) make one month.
-- grain: la_code, period_end
with loaded_files as (
    select la_code, extract_date, raw_table from raw.loaded_files
),

final as (
    select
        la_code,
        last_day(extract_date) as period_end,
        count(distinct extract_date) as extracts,
        count(distinct raw_table) as raw_tables
    from loaded_files
    group by all
)

select * from final
order by la_code, period_end
