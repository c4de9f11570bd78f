-- Social workers in the annual CSWW workforce census (reference date 30 September), one row per
-- worker record per return, typed. Loaded for history beside the monthly HR extracts. Rows whose
-- values do not type go to staging.quarantine with the reason, as its contract's rules find them (contracts/csww_workers.toml, through checked.csww_workers).
with source as (
    select * from checked.csww_workers
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        iso_date(ReferenceDate) as reference_date,
        clean_code(LEA) as lea,
        clean_id(SWENo) as swe_number,
        yes_no(AgencyWorker) as is_agency,
        try_cast(trim(FTE) as decimal(8, 6)) as fte,
        -- FTE30 and Cases30: as at 30 September (FTE is over the year for leavers).
        try_cast(trim(FTE30) as decimal(8, 6)) as fte_30_september,
        try_cast(trim(Cases30) as integer) as cases_30_september,
        try_cast(trim(OrgRole) as integer) as org_role,  -- 1-6; 5 = case holder
        iso_date(RoleStartDate) as role_start_date,
        iso_date(RoleEndDate) as role_end_date,
        clean_code(StartOrigin) as start_origin,
        clean_code(LeaverDestination) as leaver_destination,
        clean_code(ReasonLeave) as leaving_reason,
        iso_date(PersonBirthDate) as date_of_birth,
        clean_code(GenderCurrent) as gender,
        clean_code(Ethnicity) as ethnicity,
        nullif(trim(QualInst), '') as qualification_institution,
        clean_code(QualLevel) as qualification_level,
        yes_no(StepUpGrad) as is_step_up_graduate,
        yes_no(FrontlineGrad) as is_frontline_graduate,
        clean_code(CFKSSstatus) as cfkss_status,
        try_cast(trim(WorkingDaysLost) as decimal(8, 2)) as working_days_lost,
        try_cast(trim(ContractWeeks) as decimal(8, 2)) as contract_weeks,
        yes_no(Absat30Sept) as is_absent_30_september,
        clean_code(ReasonAbsence) as absence_reason,
        _problems
    from source
),

final as (
    select * from renamed
)

select * from final
