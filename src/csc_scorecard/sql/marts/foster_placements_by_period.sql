-- Children looked after in foster care at each period end, by who provides the carers
-- (marts.looked_after_at_period_end says which placement each child holds): the council's own
-- foster carers (PR1), an independent fostering agency's (PR4, PR5), or another's. Every period
-- with a child looked after has a row, none fostered included.
-- grain: la_code, period_end
with looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

final as (
    select
        la_code,
        period_end,
        count(*) filter (where is_fostered) as fostered,
        count(*) filter (where is_fostered and is_own_provision) as fostered_in_house,
        count(*) filter (where is_fostered and is_agency_provision) as fostered_by_agency
    from looked_after_at_period_end
    group by all
)

select * from final
