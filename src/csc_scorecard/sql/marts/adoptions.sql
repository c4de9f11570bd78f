-- Children adopted from care (an episode ceasing E11 or E12), one row per adoption, with the dates
-- the adoption scorecard measures between: entering care (the start of that period of care), moving
-- in with the adoptive family (the first A3-A6 placement), the placement order (legal status E1)
-- and the match (ad1 DATE_MATCH).
-- grain: la_code, child_key, adopted_date
with episodes as (
    select * from marts.episodes
),

ssda903_ad1 as (
    select * from latest_extract('staging.ssda903_ad1')
    qualify row_number() over (partition by la_code, child_key order by source_row) = 1
),

adopted as (
    select la_code, child_key, care_period_number, care_start_date, episode_end_date as adopted_date
    from episodes
    where is_adoption and episode_end_date is not null
),

placed_with_adopters as (
    select adopted.la_code, adopted.child_key, adopted.care_period_number,
           min(episodes.episode_start_date) as placed_with_adopters_date,
           min(episodes.placement_number) as adoptive_placement_number
    from adopted
    inner join episodes using (la_code, child_key, care_period_number)
    where episodes.is_placed_for_adoption
    group by all
),

placement_order as (
    select adopted.la_code, adopted.child_key, adopted.care_period_number,
           min(episodes.episode_start_date) as placement_order_date
    from adopted
    inner join episodes using (la_code, child_key, care_period_number)
    where episodes.legal_status = 'E1'
    group by all
),

placement_before_adoption as (
    -- For an adoption by the child's foster carers: when the placement before the adoptive one
    -- began, which is when the child moved in with the family (whether the return codes the
    -- change as same carer, U, or as a new placement, P).
    select placed_with_adopters.la_code, placed_with_adopters.child_key, placed_with_adopters.care_period_number,
           min(episodes.episode_start_date) as foster_placement_start_date
    from placed_with_adopters
    inner join episodes
        on episodes.la_code = placed_with_adopters.la_code
        and episodes.child_key = placed_with_adopters.child_key
        and episodes.care_period_number = placed_with_adopters.care_period_number
        and episodes.placement_number = placed_with_adopters.adoptive_placement_number - 1
    group by all
),

final as (
    select
        adopted.la_code,
        adopted.child_key,
        adopted.adopted_date,
        adopted.care_start_date,
        placed_with_adopters.placed_with_adopters_date,
        ssda903_ad1.adopted_by_foster_carers,
        placement_before_adoption.foster_placement_start_date,
        placement_order.placement_order_date,
        ssda903_ad1.adoption_match_date,
        placed_with_adopters.placed_with_adopters_date - adopted.care_start_date as days_care_to_placed,
        case
            when ssda903_ad1.adopted_by_foster_carers
                then coalesce(placement_before_adoption.foster_placement_start_date,
                              placed_with_adopters.placed_with_adopters_date)
            else placed_with_adopters.placed_with_adopters_date
        end - adopted.care_start_date as days_care_to_moved_in,
        -- A match made before the placement order counts as no wait, as the scorecard has it.
        case
            when ssda903_ad1.adoption_match_date < placement_order.placement_order_date then 0
            else ssda903_ad1.adoption_match_date - placement_order.placement_order_date
        end as days_order_to_match
    from adopted
    left join placed_with_adopters using (la_code, child_key, care_period_number)
    left join placement_order using (la_code, child_key, care_period_number)
    left join placement_before_adoption using (la_code, child_key, care_period_number)
    left join ssda903_ad1
        on ssda903_ad1.la_code = adopted.la_code
        and ssda903_ad1.child_key = adopted.child_key
)

select * from final
