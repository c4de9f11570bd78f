-- Typing helpers shared by the staging models. Persisted in the warehouse so
-- analysts can use the same rules in their own queries.
-- Each returns NULL for a value it cannot read; staging keeps the raw text
-- beside it where a bad value must stay visible.

-- Council ids: trimmed, and Excel's "12345.0" back to "12345".
create or replace macro clean_id(v) as nullif(regexp_replace(trim(v), '\.0+$', ''), '');

-- Codes (LS, PLACE, REC, ...): trimmed, upper case, blank as NULL.
create or replace macro clean_code(v) as nullif(upper(trim(v)), '');

-- SSDA903 and Annex A write dates DD/MM/YYYY.
create or replace macro uk_date(v) as try_strptime(trim(v), '%d/%m/%Y')::date;

-- CIN census XML and the HR contract write dates YYYY-MM-DD.
create or replace macro iso_date(v) as try_strptime(trim(v), '%Y-%m-%d')::date;

-- Yes/no flags arrive as 0/1, true/false or Y/N depending on the supplier.
create or replace macro yes_no(v) as
    case
        when lower(trim(v)) in ('1', 'true', 'y', 'yes') then true
        when lower(trim(v)) in ('0', 'false', 'n', 'no') then false
    end;

-- The rows of a staged return as the council's latest extract of it records
-- them: a newer extract supersedes older ones for current figures, while the
-- older snapshots stay queryable in staging.
create or replace macro latest_extract(staged_table) as table
    select * exclude (file_hash)
    from query_table(staged_table)
    qualify extract_date = max(extract_date) over (partition by la_code);

-- Free-text codes compared with a list of spellings (the HR contract's
-- reference.hr_value_aliases): lower case, runs of spaces as one, blank as NULL.
create or replace macro clean_label(v) as nullif(lower(regexp_replace(trim(v), '\s+', ' ', 'g')), '');

-- HR systems export dates as the contract asks (YYYY-MM-DD) or as Excel shows
-- them in England (DD/MM/YYYY); both are unambiguous, so both are read.
create or replace macro iso_or_uk_date(v) as coalesce(iso_date(v), uk_date(v));
