-- metric_id: cla_rate_per_10k
-- title: Children looked after per 10,000
-- area: Children in care
-- definition: Children looked after at period end (short breaks excluded, as in the cla metric) per 10,000 children aged 0-17 in the council's area (ONS mid-year estimate, from configuration).
-- unit: per_10k
-- polarity: neutral
-- window: snapshot
-- dfe_reference: DfE Children looked after in England (England 67 per 10,000, range 27-184, 31 March 2025)
-- display_order: 51
with children_looked_after as (
    select * from marts.children_looked_after
),

councils as (
    select * from reference.councils
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
