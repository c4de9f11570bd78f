-- What this publication adds to publications.published_figures: every figure on a council's packs
-- (each month up to its newest pack) that is new, or that the board would now read differently
-- from the last time it was recorded (the figure at the precision shown, whether it may be shown,
-- its RAG), and a 'missing' row for a month still in the packs' history whose figure they no longer
-- carry. Unchanged figures add nothing, so a rebuild with nothing new leaves the record as it was.
-- A month that has aged out of the history shown is not withdrawn: nothing is added for it.
-- Run with $published_at.
with status as (
    select la_code, metric_id, period_end, publication, value, numerator, denominator, shown_value, rag
    from metrics.metric_status
),

catalogue as (
    select metric_id, unit from metrics.catalogue
),

packs as (
    select la_code, max(period_end) as pack_month from marts.extract_months group by la_code
),

recorded as (
    select * from publications.published_figures
),

on_the_packs as (
    -- value_as_shown even where the figure is suppressed: a small number shown as <5 in both
    -- publications is the same figure, whether or not a neighbouring month's rule hid it.
    select s.*, at_shown_precision(c.unit, s.value) as value_as_shown, p.pack_month
    from status as s
    join catalogue as c using (metric_id)
    join packs as p using (la_code)
    where s.period_end <= p.pack_month
),

history_shown as (
    select la_code, min(period_end) as first_month from on_the_packs group by la_code
),

last_recorded as (
    select * from recorded
    qualify row_number() over (partition by la_code, metric_id, period_end order by published_at desc) = 1
),

new_or_changed as (
    select n.la_code, n.metric_id, n.period_end, n.pack_month, n.publication, n.value, n.numerator,
           n.denominator, n.shown_value, n.value_as_shown, n.rag
    from on_the_packs as n
    left join last_recorded as l using (la_code, metric_id, period_end)
    where l.la_code is null
       or n.publication is distinct from l.publication
       or n.shown_value is distinct from l.shown_value
       or n.value_as_shown is distinct from l.value_as_shown
       or n.rag is distinct from l.rag
),

no_longer_shown as (
    -- A withdrawn return can take a month's figure off the packs: that is a change the board
    -- should see too, not a figure that silently keeps its old value in the record.
    select l.la_code, l.metric_id, l.period_end, p.pack_month, 'missing' as publication,
           null::double as value, null::double as numerator, null::double as denominator,
           null::double as shown_value, null::double as value_as_shown, null::varchar as rag
    from last_recorded as l
    join packs as p using (la_code)
    join history_shown as h using (la_code)
    anti join on_the_packs as n using (la_code, metric_id, period_end)
    where l.publication <> 'missing' and l.period_end between h.first_month and p.pack_month
),

final as (
    select $published_at::timestamp as published_at, la_code, metric_id, period_end, pack_month,
           publication, value, numerator, denominator, shown_value, value_as_shown, rag
    from (select * from new_or_changed union all select * from no_longer_shown)
)

select * from final
