-- metric_id: agency_worker_rate
-- title: Agency social workers
-- area: Workforce
-- definition: Agency social-worker FTE as a percentage of all social-worker FTE in post (agency plus employed) at period end.
-- unit: percent
-- polarity: lower_is_better
-- window: snapshot
-- dfe_reference: DfE Children's social work workforce, agency worker rate (England 17.8%, 30 September 2023)
-- display_order: 90
with periods as (
    select * from marts.reporting_periods
),

staff as (
    select * from marts.staff
),

in_post as (
    select
        periods.la_code,
        periods.period_end,
        coalesce(sum(staff.fte) filter (where staff.is_agency), 0) as agency_fte,
        coalesce(sum(staff.fte) filter (where staff.is_employed), 0) as employed_fte
    from periods
    left join staff
        on staff.la_code = periods.la_code
        and staff.start_date <= periods.period_end
        -- end_date is the last day in post (HR contract), so a worker leaving on period end still counts.
        and (staff.end_date is null or staff.end_date >= periods.period_end)
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * agency_fte / nullif(agency_fte + employed_fte, 0) as value,
        agency_fte as numerator,
        agency_fte + employed_fte as denominator
    from in_post
)

select * from final
