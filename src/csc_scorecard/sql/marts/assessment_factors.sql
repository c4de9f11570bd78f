-- The factors identified at the end of each assessment (CIN census FactorsIdentifiedAtAssessment),
-- as the latest extract records them, for the factors the board asks about: going missing and
-- exploitation. One row an assessment a factor. The codes are named here once, as the DfE's CIN
-- census XML schema documents them (assessmentfactorstype): 10A going/being missing, 11A child
-- sexual exploitation, 12A trafficking, 13A gangs (in the 2016, 2021, 2022 and 2024 schemas), and
-- 24A child criminal exploitation, a later code (in the 2022 and 2024 schemas, not in 2021's).
-- Checked against the copies of the schema in SocialFinanceDigitalLabs/liia-tools
-- (liiatools/cin_census_pipeline/spec/CIN_schema_<year>.xsd). Validation rule 8897 is not about
-- 24A: it asks that a completed assessment record its factors.
-- A factor is recorded once the assessment is authorised, so its date is the authorisation's.
-- grain: la_code, child_key, assessment_start_date, factor_code
with assessments as (
    select * from marts.assessments
),

factors as (
    select * from (values
        ('10A', 'missing', 'Going or being missing'),
        ('11A', 'exploitation', 'Child sexual exploitation'),
        ('12A', 'exploitation', 'Trafficking'),
        ('13A', 'exploitation', 'Gangs'),
        ('24A', 'exploitation', 'Child criminal exploitation')
    ) as factors(factor_code, concern, factor)
),

recorded as (
    -- Factors arrive joined with ',' (ingest/cin_census.py); some suppliers write them in lower case.
    select
        la_code,
        child_key,
        assessment_start_date,
        assessment_authorised_date,
        upper(trim(unnest(string_split(assessment_factors, ',')))) as factor_code
    from assessments
    where assessment_factors is not null and assessment_authorised_date is not null
),

final as (
    select distinct
        recorded.la_code,
        recorded.child_key,
        recorded.assessment_start_date,
        recorded.assessment_authorised_date,
        factors.factor_code,
        factors.concern,
        factors.factor
    from recorded
    inner join factors using (factor_code)
)

select * from final
