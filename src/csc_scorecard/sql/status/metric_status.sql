-- metrics.metric_status: one row per metric value, as the board pack shows it. What may be
-- published (publication ok / suppressed / missing, and the published value at the precision
-- shown), the RAG against the council's own target in force that month, by polarity, last month's
-- and the same month last year's figures, the direction of travel beyond the measure's threshold or
-- noise band, and England's figure where it is in the metric's own unit. Rules: docs/scorecard.md.
with recursive

values_ as (
    select la_code, metric_id, period_end, value, numerator, denominator
    from metrics.metric_values
),

catalogue as (
    select metric_id, unit, polarity, time_window, counts, change_threshold from metrics.catalogue
),

targets as (
    -- Each council's own targets; a target applies from its effective_from month-end until the
    -- next one for the metric (none: from the start), so a new target does not rewrite the past.
    select la_code, metric_id, coalesce(effective_from, date '1900-01-01') as effective_from,
           target, amber_tolerance, red_tolerance, is_context
    from reference.targets
),

england as (
    select metric_id, value as england_value, unit as england_unit, as_at as england_as_at,
           source as england_source
    from reference.england_comparators
),

own_figure as (
    select
        v.*, c.unit, c.polarity, c.time_window, c.change_threshold,
        case
            when v.value is null or isnan(v.value) then 'missing'
            -- Staff are adults whose posts their colleagues know: no small-number rule.
            when c.counts = 'staff' then 'ok'
            -- A count: the value itself, or its numerator, is a handful of children.
            when c.unit = 'count' and (is_small(v.value) or is_small(v.numerator)) then 'suppressed'
            -- A rate over a handful of children lets a reader work the children back out.
            when c.unit <> 'count' and (is_small(v.numerator) or is_small(v.denominator)) then 'suppressed'
            -- "98% of 200" says 4 children were not.
            when c.unit = 'percent' and is_small(v.denominator - v.numerator) then 'suppressed'
            else 'ok'
        end as publication
    from values_ as v
    join catalogue as c using (metric_id)
),

year_to_date as (
    -- A year-to-date count grows by the month's own count: 15 then 16 says one child was adopted
    -- in the month. So each month is compared with the last month shown of its year (none before
    -- the year's first: 0), and a step of 1 to 4 is suppressed as a count of 1 to 4 would be.
    select
        f.la_code, f.metric_id, f.period_end, f.value, f.publication,
        row_number() over months as month_number,
        year_to_date_start(f.period_end) is distinct from lag(year_to_date_start(f.period_end)) over months
            as starts_year
    from own_figure as f
    where f.time_window = 'ytd'
    window months as (partition by f.la_code, f.metric_id order by f.period_end)
),

year_to_date_shown as (
    select la_code, metric_id, period_end, month_number, publication,
           -- The series' first month: no month before it on the page to take it from.
           case when publication = 'ok' then value end as last_shown
    from year_to_date
    where month_number = 1
    union all
    select
        m.la_code, m.metric_id, m.period_end, m.month_number,
        case when m.publication = 'ok' and is_small(m.value - m.base) then 'suppressed' else m.publication end,
        case when m.publication = 'ok' and not is_small(m.value - m.base) then m.value else m.base end
    from (
        select year_to_date.*, case when starts_year then 0 else before.last_shown end as base
        from year_to_date
        join year_to_date_shown as before
            on before.la_code = year_to_date.la_code and before.metric_id = year_to_date.metric_id
            and year_to_date.month_number = before.month_number + 1
    ) as m
),

year_begun_before_the_page as (
    -- A year whose April is before the page's first month has no start to chain from: chained
    -- from whichever month the page begins with, a pack and the pack a month later would hide
    -- different months of it, and the two together give the small step away. So its months are
    -- not shown; a year on the page is chained from its April in every pack that shows it.
    select la_code, metric_id, period_end
    from year_to_date
    qualify year_to_date_start(period_end)
        < date_trunc('month', min(period_end) over (partition by la_code, metric_id))
),

published as (
    select f.* replace (
        case
            when b.period_end is not null and f.publication = 'ok' then 'suppressed'
            else coalesce(y.publication, f.publication)
        end as publication)
    from own_figure as f
    left join year_to_date_shown as y using (la_code, metric_id, period_end)
    left join year_begun_before_the_page as b using (la_code, metric_id, period_end)
),

shown as (
    select
        *,
        case when publication = 'ok' then value end as published_value,
        case when publication = 'ok' then at_shown_precision(unit, value) end as shown_value,
        -- Rated as the board sees it: a figure shown as 20.0% against a 20.0% target is on target.
        case when value is not null and not isnan(value) then at_shown_precision(unit, value) end as rated_value
    from published
),

with_previous as (
    select
        s.*,
        p.value as previous_value,
        p.publication as previous_publication,
        p.shown_value as previous_shown_value
    from shown as s
    -- The calendar month before, so a missing month breaks the comparison rather than
    -- comparing with whatever came last.
    left join shown as p
        on p.la_code = s.la_code and p.metric_id = s.metric_id
        and p.period_end = last_day(s.period_end - interval 1 month)
),

with_year_ago as (
    select
        w.*,
        y.value as year_ago_value,
        y.publication as year_ago_publication,
        y.shown_value as year_ago_shown_value
    from with_previous as w
    left join shown as y
        on y.la_code = w.la_code and y.metric_id = w.metric_id
        and y.period_end = last_day(w.period_end - interval 12 month)
),

compared as (
    -- A year-to-date count restarts each April: against last month, every April would read as a
    -- fall. It is compared with the same point last year; everything else with last month.
    select
        w.*,
        case when w.time_window = 'ytd' then 'same month last year' else 'last month' end as compared_with,
        case when w.time_window = 'ytd' then w.year_ago_publication else w.previous_publication end
            as compared_publication,
        case when w.time_window = 'ytd' then w.year_ago_shown_value else w.previous_shown_value end
            as compared_shown_value
    from with_year_ago as w
),

changes as (
    select
        c.*,
        -- Only between two published figures: a change between suppressed months would tell the
        -- reader which small number was bigger.
        case when c.publication = 'ok' and c.compared_publication = 'ok'
             then round(c.shown_value - c.compared_shown_value, 6) end as change
    from compared as c
),

noise as (
    -- Without a declared threshold, a move counts only beyond the measure's own noise: twice the
    -- median size of its changes over the twelve months before (at least six of them known).
    select
        c.*,
        count(c.change) over last_year as changes_known,
        2 * median(abs(c.change)) over last_year as noise_band
    from changes as c
    window last_year as (partition by c.la_code, c.metric_id order by c.period_end
                         range between interval 12 month preceding and interval 1 day preceding)
),

thresholds as (
    select
        n.*,
        case when n.change_threshold is not null then 'declared'
             when n.changes_known >= 6 then 'noise band' end as threshold_basis,
        -- Rounded to the precision shown, so a band of 0.43 points reads as the 0.4 on the page.
        coalesce(n.change_threshold,
                 case when n.changes_known >= 6 then at_shown_precision(n.unit, n.noise_band) end)
            as significant_change
    from noise as n
),

rated as (
    select
        w.*,
        case when w.polarity <> 'neutral' then t.target end as target,
        -- A context measure is read for context, not rated: neutral by its definition, or so
        -- declared by the council's targets.
        w.polarity = 'neutral' or coalesce(t.is_context, false) as is_context,
        -- How far the shown value is on the wrong side of the target (negative when better),
        -- rounded so 20.1 - 20.0 is 0.1, not 0.10000000000000142, at a tolerance boundary.
        round(case w.polarity
                  when 'lower_is_better' then w.rated_value - t.target
                  when 'higher_is_better' then t.target - w.rated_value
              end, 6) as shortfall,
        t.amber_tolerance, t.red_tolerance
    from thresholds as w
    asof left join targets as t
        on t.la_code = w.la_code and t.metric_id = w.metric_id and w.period_end >= t.effective_from
),

final as (
    select
        r.la_code, r.metric_id, r.period_end, r.value, r.numerator, r.denominator,
        r.publication, r.published_value, r.shown_value,
        r.target, r.is_context,
        case
            when r.shortfall is null then null
            when r.shortfall <= r.amber_tolerance then 'green'
            when r.shortfall <= r.red_tolerance then 'amber'
            else 'red'
        end as rag,
        r.previous_value, r.previous_shown_value,
        r.year_ago_value, r.year_ago_publication, r.year_ago_shown_value,
        r.compared_with, r.compared_shown_value, r.change,
        r.significant_change, r.threshold_basis,
        -- A move within the threshold (or the noise band) is no significant change; with neither
        -- known (a short history), any move counts.
        case
            when r.change is null then null
            when abs(r.change) <= coalesce(r.significant_change, 0) then 'no significant change'
            when r.polarity = 'neutral' then case when r.change > 0 then 'up' else 'down' end
            when (r.change > 0) = (r.polarity = 'higher_is_better') then 'improving'
            else 'worsening'
        end as direction,
        -- A rate is not comparable with a count: no England figure rather than a misleading one.
        e.england_value, at_shown_precision(r.unit, e.england_value) as england_shown_value,
        e.england_as_at, e.england_source
    from rated as r
    left join england as e on e.metric_id = r.metric_id and e.england_unit = r.unit
)

select * from final
order by la_code, metric_id, period_end
