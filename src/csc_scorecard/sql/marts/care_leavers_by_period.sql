-- Care leavers at each period end, counted by list (SSDA903 oc3, Annex A list 9) and age band:
-- 17-18, 19-21 and 17-21 (both), as marts.care_leavers_at_period_end says who. A month without the
-- list's extract has no row; a month with one has a row for every band, zeros included.
-- grain: la_code, period_end, source, age_band
with care_leavers_at_period_end as (
    select * from marts.care_leavers_at_period_end
),

age_bands as (
    select * from (values ('17-18'), ('19-21'), ('17-21')) as bands(age_band)
),

lists_in_month as (
    select distinct la_code, period_end, source from care_leavers_at_period_end
),

in_band as (
    select lists_in_month.la_code, lists_in_month.period_end, lists_in_month.source, age_bands.age_band,
           care_leavers_at_period_end.* exclude (la_code, period_end, source, age_band)
    from lists_in_month
    cross join age_bands
    left join care_leavers_at_period_end
        on care_leavers_at_period_end.la_code = lists_in_month.la_code
        and care_leavers_at_period_end.period_end = lists_in_month.period_end
        and care_leavers_at_period_end.source = lists_in_month.source
        and (care_leavers_at_period_end.age_band = age_bands.age_band or age_bands.age_band = '17-21')
),

final as (
    select
        la_code,
        period_end,
        source,
        age_band,
        count(child_key) as care_leavers,
        count(child_key) filter (where is_in_touch) as in_touch,
        count(child_key) filter (where is_suitably_accommodated) as suitably_accommodated,
        count(child_key) filter (where is_in_eet) as in_eet,
        count(child_key) filter (where has_personal_adviser) as with_personal_adviser
    from in_band
    group by all
)

select * from final
