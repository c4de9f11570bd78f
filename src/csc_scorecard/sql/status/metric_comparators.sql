-- metrics.metric_comparators: for each council, metric and month of metrics.metric_status, how the
-- council compares with its statistical neighbours and with England's councils.
-- * The latest published year on or before the month (reference.published_figures, the DfE's
--   LAIT tables the team drops in): the average of the council's configured neighbours
--   (reference.councils) that have a figure that year, and how many of them do.
-- * The neighbours built in this warehouse (an alliance): their figure for the same month, as the
--   board sees it (published figures only: a suppressed neighbour is left out of the average).
-- * Rank and quartile band (A best, D worst, as the LAIT bands them) among England's councils
--   that year, by polarity: the council's own published figure, or where the file has none its
--   own figure at that year end from this warehouse. None for a neutral measure.
with

status as (
    select la_code, metric_id, period_end, publication, shown_value from metrics.metric_status
),

catalogue as (
    select metric_id, polarity, unit from metrics.catalogue
),

published as (
    select metric_id, la_code, is_england, year, period_end, value, source from reference.published_figures
),

neighbours as (
    select la_code, unnest(statistical_neighbours) as neighbour_la_code, len(statistical_neighbours) as configured
    from reference.councils
),

published_year as (
    -- The newest published year whose year end is on or before the month.
    select s.la_code, s.metric_id, s.period_end, max(p.year) as year
    from status as s
    join published as p on p.metric_id = s.metric_id and p.period_end <= s.period_end and not p.is_england
    group by all
),

published_neighbours as (
    select y.la_code, y.metric_id, y.period_end, y.year,
           avg(p.value) as neighbour_average, count(p.value) as neighbours_published, any_value(p.source) as source
    from published_year as y
    join neighbours as n on n.la_code = y.la_code
    join published as p on p.metric_id = y.metric_id and p.year = y.year and p.la_code = n.neighbour_la_code
    group by all
),

warehouse_neighbours as (
    select s.la_code, s.metric_id, s.period_end,
           avg(o.shown_value) as warehouse_neighbour_average, count(*) as warehouse_neighbours
    from status as s
    join neighbours as n on n.la_code = s.la_code
    join status as o on o.la_code = n.neighbour_la_code and o.metric_id = s.metric_id
        and o.period_end = s.period_end and o.publication = 'ok'
    group by all
),

own_figure as (
    -- What is ranked: the council's published figure for the year, else its own at that year end.
    select y.la_code, y.metric_id, y.period_end, y.year,
           coalesce(p.value, at_year_end.shown_value) as ranked_value,
           case when p.value is not null then 'published' when at_year_end.shown_value is not null
                then 'this warehouse' end as ranked_from
    from published_year as y
    left join published as p on p.metric_id = y.metric_id and p.year = y.year and p.la_code = y.la_code
    left join (select distinct metric_id, year, period_end from published) as ye
        on ye.metric_id = y.metric_id and ye.year = y.year
    left join status as at_year_end on at_year_end.la_code = y.la_code and at_year_end.metric_id = y.metric_id
        and at_year_end.period_end = ye.period_end and at_year_end.publication = 'ok'
),

ranked as (
    select o.la_code, o.metric_id, o.period_end, o.ranked_value, o.ranked_from,
           -- 1 is best; councils level with it share its rank.
           1 + count(p.value) filter (where case c.polarity when 'lower_is_better' then p.value < o.ranked_value
                                                            else p.value > o.ranked_value end) as national_rank,
           1 + count(p.value) as ranked_councils
    from own_figure as o
    join catalogue as c using (metric_id)
    join published as p on p.metric_id = o.metric_id and p.year = o.year and not p.is_england
        and p.la_code <> o.la_code
    where c.polarity <> 'neutral' and o.ranked_value is not null
    group by all
),

final as (
    select
        s.la_code, s.metric_id, s.period_end,
        y.year as published_year,
        n.neighbour_average, at_shown_precision(c.unit, n.neighbour_average) as neighbour_shown_value,
        n.neighbours_published, coalesce(any_value(cn.configured), 0) as neighbours_configured, n.source,
        w.warehouse_neighbour_average,
        at_shown_precision(c.unit, w.warehouse_neighbour_average) as warehouse_neighbour_shown_value,
        coalesce(w.warehouse_neighbours, 0) as warehouse_neighbours,
        r.ranked_value, r.ranked_from, r.national_rank, r.ranked_councils,
        case ceil(4.0 * r.national_rank / r.ranked_councils)
            when 1 then 'A' when 2 then 'B' when 3 then 'C' when 4 then 'D' end as quartile_band
    from status as s
    join catalogue as c using (metric_id)
    left join published_year as y using (la_code, metric_id, period_end)
    left join published_neighbours as n using (la_code, metric_id, period_end)
    left join warehouse_neighbours as w using (la_code, metric_id, period_end)
    left join ranked as r using (la_code, metric_id, period_end)
    left join neighbours as cn on cn.la_code = s.la_code
    group by all
)

select * from final
order by la_code, metric_id, period_end
