-- metric_id: cla_rate_per_10k
-- title: Children looked after per 10,000
-- area: Children in care
-- definition: Children looked after at period end (short breaks excluded, as in the cla metric) per 10,000 children aged 0-17 in the council's area (ONS mid-year estimate, from configuration).
-- unit: per_10k
-- polarity: neutral
-- window: snapshot
-- change_threshold: 1.0
-- lait_indicator: Children looked after at 31 March (rate per 10,000 children aged under 18)
-- dfe_reference: DfE Children looked after in England (England 67 per 10,000, range 27-184, 31 March 2025)
-- display_order: 51
-- members: a child looked after at period end (the denominator is the ONS population, not children listed); the date is the start of their period of care
with looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

children_looked_after as (
    select * from marts.children_looked_after
),

councils as (
    select * from reference.councils
),

members as (
    -- Who the figure counts (metrics.metric_members); the figure itself comes from the mart.
    select
        la_code,
        period_end,
        child_key,
        care_start_date as record_date,
        true as in_numerator,
        false as in_denominator
    from looked_after_at_period_end
    where child_key is not null
),

final as (
    select
        children_looked_after.la_code,
        children_looked_after.period_end,
        10000.0 * children_looked_after.children / councils.population_0_17 as value,
        children_looked_after.children as numerator,
        councils.population_0_17 as denominator
    from children_looked_after
    inner join councils on councils.la_code = children_looked_after.la_code
)

select * from final
