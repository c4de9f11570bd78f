-- publications.as_last_published: each figure as the latest publication shows it ("as now", once
-- the build's packs are published), with the publication since which it has read so.
with recorded as (
    select * from publications.published_figures
),

final as (
    select la_code, metric_id, period_end,
           published_at as published_since, pack_month as since_pack_month,
           publication, shown_value, value_as_shown, value, numerator, denominator, rag
    from recorded
    qualify row_number() over (partition by la_code, metric_id, period_end order by published_at desc) = 1
)

select * from final
