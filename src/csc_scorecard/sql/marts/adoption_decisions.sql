-- Decisions that a child should be placed for adoption, as the latest SSDA903 extract records them.
-- grain: la_code, child_key, adoption_decision_date
with placed_for_adoption as (
    select * from latest_extract('staging.ssda903_placed_for_adoption')
),

final as (
    select * from placed_for_adoption
    where adoption_decision_date is not null
)

select * from final
