-- publications.as_first_reported: each figure (council, measure, month) as the board was first told
-- it: when it was first published, the newest month the council's packs covered then (its "pack"),
-- and the figure as shown then: ok / suppressed / missing, the value at the precision shown
-- (null unless ok), the value at that precision even where suppressed (for comparing, never for
-- the page), the unrounded value, numerator and denominator, and the RAG.
with recorded as (
    select * from publications.published_figures
),

final as (
    select la_code, metric_id, period_end,
           published_at as first_published_at, pack_month as first_pack_month,
           publication, shown_value, value_as_shown, value, numerator, denominator, rag
    from recorded
    qualify row_number() over (partition by la_code, metric_id, period_end order by published_at) = 1
)

select * from final
