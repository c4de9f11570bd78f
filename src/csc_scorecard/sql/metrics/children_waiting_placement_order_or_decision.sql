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

adoption_decisions as (
    select * from marts.adoption_decisions
),

episodes as (
    select * from marts.episodes
),

looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

decisions_open as (
    -- As children_waiting_adoption reads them: a decision made by period end, not reversed by then.
    select looked_after_at_period_end.la_code, looked_after_at_period_end.period_end,
           looked_after_at_period_end.child_key, adoption_decisions.adoption_decision_date as waiting_since
    from looked_after_at_period_end
    join adoption_decisions
        on adoption_decisions.la_code = looked_after_at_period_end.la_code
        and adoption_decisions.child_key = looked_after_at_period_end.child_key
        and adoption_decisions.adoption_decision_date <= looked_after_at_period_end.period_end
        and (adoption_decisions.adoption_decision_reversed_date is null
             or adoption_decisions.adoption_decision_reversed_date > looked_after_at_period_end.period_end)
),

placement_orders as (
    -- A placement order in force at period end (an E1 episode open then), dated from the first E1
    -- episode of this period of care.
    select looked_after_at_period_end.la_code, looked_after_at_period_end.period_end,
           looked_after_at_period_end.child_key, min(episodes.episode_start_date) as waiting_since
    from looked_after_at_period_end
    join episodes
        on episodes.la_code = looked_after_at_period_end.la_code
        and episodes.child_key = looked_after_at_period_end.child_key
        and episodes.care_start_date = looked_after_at_period_end.care_start_date
        and episodes.legal_status = 'E1'
        and episodes.episode_start_date <= looked_after_at_period_end.period_end
    group by all
    having bool_or(episodes.episode_end_date is null
                   or episodes.episode_end_date > looked_after_at_period_end.period_end)
),

orders_or_decisions as (
    select * from decisions_open
    union all
    select * from placement_orders
),

waiting as (
    -- Not placed with adopters since the decision (or the order) this row is for.
    select * from orders_or_decisions
    where not exists (
        select 1 from episodes
        where episodes.la_code = orders_or_decisions.la_code
            and episodes.child_key = orders_or_decisions.child_key
            and episodes.is_placed_for_adoption
            and episodes.episode_start_date between orders_or_decisions.waiting_since and orders_or_decisions.period_end
    )
),

members as (
    select
        la_code,
        period_end,
        child_key,
        min(waiting_since) as record_date,
        true as in_numerator,
        false as in_denominator
    from waiting
    where child_key is not null
    group by all
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
