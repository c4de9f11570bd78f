-- metric_id: agency_worker_rate
-- title: Agency social workers
-- area: Workforce
-- definition: Agency social-worker FTE as a percentage of all social-worker FTE in post (agency plus employed) at period end.
-- unit: percent
-- polarity: lower_is_better
-- window: snapshot
-- dfe_reference: DfE Children's social work workforce, agency worker rate (England 17.8%, 30 September 2023)
-- display_order: 90
with workforce as (
    select * from marts.workforce_by_period
),

final as (
    select
        la_code,
        period_end,
        100.0 * agency_fte / nullif(agency_fte + employed_fte, 0) as value,
        agency_fte as numerator,
        agency_fte + employed_fte as denominator
    from workforce
)

select * from final
