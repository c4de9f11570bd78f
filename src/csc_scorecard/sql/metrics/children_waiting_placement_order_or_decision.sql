-- metric_id: children_waiting_placement_order_or_decision
-- title: Children waiting: placement order or adoption decision, not yet placed
-- area: Adoption and fostering
-- definition: The wider reading: children looked after at period end who either have an adoption decision not reversed and no A3-A6 placement since it (as children_waiting_adoption counts them), or are on a placement order (legal status E1 at period end) with no A3-A6 placement since the order, whatever became of the decision. So it also counts a child whose adoption decision was reversed (DATE_PLACED_CEASED, reason RD1-RD4) while the court's placement order still stands. A child who left care is no longer waiting.
-- unit: count
-- polarity: lower_is_better
-- window: snapshot
-- dfe_reference: DfE Children looked after in England and the adoption scorecard, children with a placement order or an agency decision for adoption who are not yet placed (SSDA903 placed_for_adoption, episodes LS E1 and PLACE A3-A6)
-- display_order: 71
-- members: a child waiting at period end; the date is their adoption decision or placement order, whichever came first
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
        waiting_since as record_date,
        true as in_numerator,
        false as in_denominator
    from children_waiting
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
