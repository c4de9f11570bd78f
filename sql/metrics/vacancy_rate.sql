-- metric_id: vacancy_rate
-- title: Social worker vacancy rate
-- area: Workforce
-- definition: Funded social-worker FTE not filled by an employee (agency-covered posts count as vacant) as a percentage of vacant plus employed FTE at period end, posts matched by team and role, using the establishment extract in force then.
-- unit: percent
-- polarity: lower_is_better
-- window: snapshot
-- dfe_reference: DfE Children's social work workforce, vacancy rate (England 18.9%, 30 September 2023)
-- display_order: 91
with workforce as (
    select * from marts.workforce_by_period
),

final as (
    select
        la_code,
        period_end,
        100.0 * vacant_fte / nullif(vacant_fte + employed_fte, 0) as value,
        vacant_fte as numerator,
        vacant_fte + employed_fte as denominator
    from workforce
    -- No establishment extract yet: no vacancy figure rather than a false zero.
    where funded_fte is not null
)

select * from final
