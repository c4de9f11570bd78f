-- metric_id: children_waiting_adoption
-- title: Children waiting: adoption decision, not yet placed
-- area: Adoption and fostering
-- definition: The adoption-decision reading: children looked after at period end with a decision that they should be placed for adoption (SSDA903 placed_for_adoption DATE_PLACED), the decision not reversed (no DATE_PLACED_CEASED by period end), and not yet placed with adopters (no A3-A6 placement since the decision); a child who left care is no longer waiting, reversal recorded or not. A child on a placement order whose decision was reversed is not counted here (see children_waiting_placement_order_or_decision).
-- unit: count
-- polarity: lower_is_better
-- window: snapshot
-- dfe_reference: DfE Children looked after in England, children with a placement order/decision not yet placed
-- display_order: 71
-- members: a child waiting at period end; the date is their adoption decision
with periods as (
    select * from marts.reporting_periods
),

children_waiting as (
    select * from marts.children_waiting_for_adoption
),

members as (
    select
        la_code,
        period_end,
        child_key,
        adoption_decision_date as record_date,
        true as in_numerator,
        false as in_denominator
    from children_waiting
    where adoption_decision_date is not null
),

counted as (
    select periods.la_code, periods.period_end, count(members.child_key) as children
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select la_code, period_end, children as value, children as numerator, null as denominator
    from counted
)

select * from final
