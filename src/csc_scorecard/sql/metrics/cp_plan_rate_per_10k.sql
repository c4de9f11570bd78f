-- metric_id: cp_plan_rate_per_10k
-- title: Child protection plans per 10,000
-- area: Child protection
-- definition: Child protection plans open at period end (as in the cp_plans metric) per 10,000 children aged 0-17 in the council's area (ONS mid-year estimate, from configuration).
-- unit: per_10k
-- polarity: neutral
-- window: snapshot
-- change_threshold: 1.0
-- lait_indicator: Children who were the subject of a child protection plan at 31 March (rate per 10,000 children)
-- dfe_reference: DfE Characteristics of children in need, CP plan rate per 10,000 children (England about 41, 31 March 2025)
-- display_order: 44
-- members: a child protection plan open at period end (the denominator is the ONS population, not children listed); the date is its start
with cp_plans_in_period as (
    select * from marts.cp_plans_in_period
),

cp_plans_by_period as (
    select * from marts.cp_plans_by_period
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
        plan_start_date as record_date,
        true as in_numerator,
        false as in_denominator
    from cp_plans_in_period
    where is_open
),

final as (
    select
        cp_plans_by_period.la_code,
        cp_plans_by_period.period_end,
        10000.0 * cp_plans_by_period.plans_open / councils.population_0_17 as value,
        cp_plans_by_period.plans_open as numerator,
        councils.population_0_17 as denominator
    from cp_plans_by_period
    inner join councils on councils.la_code = cp_plans_by_period.la_code
)

select * from final
