-- Each child looked after at each period end who is waiting to be placed with adopters, and on
-- what grounds: an adoption decision not reversed by then (SSDA903 placed_for_adoption), or a
-- placement order in force (legal status E1), with no A3-A6 placement since. The two readings of
-- children waiting live here: metrics.children_waiting_adoption counts the decisions,
-- metrics.children_waiting_placement_order_or_decision either. A child who left care is no longer
-- waiting, reversal recorded or not. One row a child a period end.
-- grain: la_code, period_end, child_key
with adoption_decisions as (
    select * from marts.adoption_decisions
),

episodes as (
    select * from marts.episodes
),

looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

decisions_open as (
    -- Made by period end, not reversed by then: returns often leave a decision unreversed when a
    -- child goes home or to an SGO, so only a child still in care counts.
    select looked_after_at_period_end.la_code, looked_after_at_period_end.period_end,
           looked_after_at_period_end.child_key, adoption_decisions.adoption_decision_date as waiting_since,
           true as is_decision
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
           looked_after_at_period_end.child_key, min(episodes.episode_start_date) as waiting_since,
           false as is_decision
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

not_yet_placed as (
    -- Not placed with adopters since the decision (or the order) this row is for.
    select * from orders_or_decisions
    where child_key is not null
        and not exists (
            select 1 from episodes
            where episodes.la_code = orders_or_decisions.la_code
                and episodes.child_key = orders_or_decisions.child_key
                and episodes.is_placed_for_adoption
                and episodes.episode_start_date between orders_or_decisions.waiting_since
                                                     and orders_or_decisions.period_end
        )
),

final as (
    select
        la_code,
        period_end,
        child_key,
        min(waiting_since) filter (where is_decision) as adoption_decision_date,
        min(waiting_since) as waiting_since
    from not_yet_placed
    group by all
)

select * from final
