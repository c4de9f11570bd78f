-- publications.year_end_outturns: the DfE's year-end view: each measure's figure at each year end
-- (31 March; 30 September for workforce measures, as the DfE's releases count them), as first
-- reported and as now, side by side, and whether late recording restated it.
with catalogue as (
    select metric_id, area from metrics.catalogue
),

first_reported as (
    select * from publications.as_first_reported
),

last_published as (
    select * from publications.as_last_published
),

final as (
    select
        f.la_code, f.metric_id, f.period_end as year_end,
        f.first_pack_month, f.publication as first_publication, f.shown_value as first_shown_value,
        l.publication as now_publication, l.shown_value as now_shown_value,
        f.value_as_shown is distinct from l.value_as_shown as restated
    from first_reported as f
    join last_published as l using (la_code, metric_id, period_end)
    join catalogue as c using (metric_id)
    where month(f.period_end) = case when c.area = 'Workforce' then 9 else 3 end
)

select * from final
order by la_code, metric_id, year_end
