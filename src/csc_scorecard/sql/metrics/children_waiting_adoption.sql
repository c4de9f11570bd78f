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
    select periods.la_code, periods.period_end, adoption_decisions.child_key, adoption_decisions.adoption_decision_date
    from periods
    join adoption_decisions
        on adoption_decisions.la_code = periods.la_code
        and adoption_decisions.adoption_decision_date <= periods.period_end
        and (adoption_decisions.adoption_decision_reversed_date is null
             or adoption_decisions.adoption_decision_reversed_date > periods.period_end)
    -- Still in care: returns often leave a decision unreversed when a child goes home or to an SGO.
    join looked_after_at_period_end
        on looked_after_at_period_end.la_code = periods.la_code
        and looked_after_at_period_end.period_end = periods.period_end
        and looked_after_at_period_end.child_key = adoption_decisions.child_key
),

waiting as (
    select * from decisions_open
    where not exists (
        select 1 from episodes
        where episodes.la_code = decisions_open.la_code
            and episodes.child_key = decisions_open.child_key
            and (
                episodes.is_placed_for_adoption
                and episodes.episode_start_date between decisions_open.adoption_decision_date and decisions_open.period_end
            )
    )
),

members as (
    select
        la_code,
        period_end,
        child_key,
        min(adoption_decision_date) as record_date,
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
