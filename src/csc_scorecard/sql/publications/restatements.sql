-- publications.restatements: the figures that have changed since they were first reported, beyond
-- rounding (the value at the precision shown, including a figure withdrawn or first missing), one
-- row per council, measure and month, with both versions as the packs show them and, when both
-- were shown, the change. Neither a RAG that moved because the target changed nor a small number
-- that a neighbouring month's rule now hides or shows is a restatement.
with first_reported as (
    select * from publications.as_first_reported
),

last_published as (
    select * from publications.as_last_published
),

final as (
    select
        f.la_code, f.metric_id, f.period_end,
        f.first_published_at, f.first_pack_month,
        f.publication as first_publication, f.shown_value as first_shown_value,
        l.published_since as restated_at, l.since_pack_month as restated_in_pack_month,
        l.publication as now_publication, l.shown_value as now_shown_value,
        -- Only between two shown figures: a change from or to a suppressed one would give the
        -- small number away.
        case when f.publication = 'ok' and l.publication = 'ok'
             then round(l.shown_value - f.shown_value, 6) end as change
    from first_reported as f
    join last_published as l using (la_code, metric_id, period_end)
    where f.value_as_shown is distinct from l.value_as_shown
)

select * from final
order by la_code, metric_id, period_end
