-- Funded social-work posts, as the latest establishment extract records them.
-- grain: la_code, extract_date, source_row
with hr_establishment as (
    select * from latest_extract('staging.hr_establishment')
),

final as (
    select * from hr_establishment
)

select * from final
