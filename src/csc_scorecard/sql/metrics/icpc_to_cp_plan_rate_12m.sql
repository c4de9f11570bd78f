-- metric_id: icpc_to_cp_plan_rate_12m
-- title: Conferences leading to a child protection plan
-- area: Front door
-- definition: Of initial child protection conferences held in the 12 months to period end (CIN census DateOfInitialCPC), the percentage after which the child became the subject of a child protection plan (a CPPstartDate for the same child on the day of the conference, as the CIN census guide records a plan from its initial conference).
-- unit: percent
-- polarity: neutral
-- window: 12m
-- dfe_reference: DfE Characteristics of children in need, initial child protection conferences and child protection plans starting; CIN census guide (Section47, ChildProtectionPlans); local conversion measure
-- display_order: 21
-- members: an initial child protection conference in the 12 months; in the numerator if a child protection plan started that day
with periods as (
    select * from marts.reporting_periods
),

section47 as (
    select * from marts.section47
),

cp_plans as (
    select * from marts.cp_plans
),

plan_starts as (
    select distinct la_code, child_key, plan_start_date from cp_plans
),

members as (
    select
        periods.la_code,
        periods.period_end,
        section47.child_key,
        section47.icpc_date as record_date,
        plan_starts.plan_start_date is not null as in_numerator,
        true as in_denominator
    from periods
    inner join section47
        on section47.la_code = periods.la_code
        and section47.icpc_date between periods.window_12m_start and periods.period_end
    left join plan_starts
        on plan_starts.la_code = section47.la_code
        and plan_starts.child_key = section47.child_key
        and plan_starts.plan_start_date = section47.icpc_date
),

counted as (
    select
        periods.la_code,
        periods.period_end,
        count(members.record_date) as conferences,
        count(members.record_date) filter (where members.in_numerator) as leading_to_plan
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * leading_to_plan / nullif(conferences, 0) as value,
        leading_to_plan as numerator,
        conferences as denominator
    from counted
)

select * from final
