-- Typing helpers shared by the staging models. Persisted in the warehouse so
-- analysts can use the same rules in their own queries.
-- Each returns NULL for a value it cannot read; staging keeps the raw text
-- beside it where a bad value must stay visible.

-- Council ids: trimmed, and Excel's "12345.0" back to "12345".
create or replace macro clean_id(v) as nullif(regexp_replace(trim(v), '\.0+$', ''), '');

-- Codes (LS, PLACE, REC, ...): trimmed, upper case, blank as NULL.
create or replace macro clean_code(v) as nullif(upper(trim(v)), '');

-- SSDA903 and Annex A write dates DD/MM/YYYY. The shape is the one the GX date checks accept
-- (a four-digit year in 1900-2099): strptime alone would read 1/4/23 as the year 23.
create or replace macro uk_date(v) as
    case when regexp_full_match(trim(v), '(0?[1-9]|[12][0-9]|3[01])/(0?[1-9]|1[0-2])/(19|20)[0-9]{2}')
         then try_strptime(trim(v), '%d/%m/%Y')::date end;

-- CIN census XML and the HR contract write dates YYYY-MM-DD, with two-digit months and days.
create or replace macro iso_date(v) as
    case when regexp_full_match(trim(v), '(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])')
         then try_strptime(trim(v), '%Y-%m-%d')::date end;

-- Yes/no flags arrive as 0/1, true/false or Y/N depending on the supplier (and 1.0 via Excel).
create or replace macro yes_no(v) as
    case
        when lower(trim(v)) in ('1', '1.0', 'true', 'y', 'yes') then true
        when lower(trim(v)) in ('0', '0.0', 'false', 'n', 'no') then false
    end;

-- The rows of a staged return as the council's latest extract of it records
-- them: a newer extract supersedes older ones for current figures, while the
-- older snapshots stay queryable in staging (filter on extract_date).
-- "Latest" is the newest extract that delivered the table (raw.loaded_files), not the
-- newest staged row: a newer header-only file means "nothing to report now", and a
-- newer file whose rows were all quarantined must not let last month's rows show through.
create or replace macro latest_extract(staged_table) as table
    with latest as (
        select la_code, max(extract_date) as extract_date
        from raw.loaded_files
        where raw_table = split_part(staged_table, '.', 2)
        group by la_code
    )
    select staged.* exclude (file_hash)
    from query_table(staged_table) as staged
    semi join latest using (la_code, extract_date);

-- A CIN census module's raw rows (referrals, assessments, plans, ...) with `_child_key`: the key
-- its child's own staged row holds (same council, extract, file path and content, and position
-- in the file; a return sent again with changes loads beside the first version). Hashing every
-- module row again was most of CIN staging's time. A child quarantined out of
-- `children_table` has no row there, so its key is hashed here.
create or replace macro with_child_key(module_table, children_table) as table
    select module.*,
           coalesce(children.child_key, child_key(module._la_code, clean_id(module.LAchildID))) as _child_key
    from query_table(module_table) as module
    left join query_table(children_table) as children
        on children.la_code = module._la_code
        and children.extract_date = module._extract_date
        and children.source_file = module._source_file
        and children.file_hash = module._file_hash
        and children.child_seq = module._child_seq;

-- Sex as M / F / U. SSDA903 wrote 1/2 until 2025 and M/F/U after; older CIN census
-- returns carry GenderCurrent (1 male, 2 female, 0 not known, 9 not stated).
create or replace macro sex_code(v) as
    case upper(trim(v))
        when '1' then 'M' when 'M' then 'M'
        when '2' then 'F' when 'F' then 'F'
        when 'U' then 'U' when '0' then 'U' when '9' then 'U'
    end;

-- Quarantine rules. A staging model lists its row's typing problems in `_problems`:
-- each rule returns a {column_name, value, reason} struct when the value breaks it,
-- NULL when it does not. Rows with any problem go to staging.quarantine, not to the
-- staging table (src/csc_scorecard/models/quarantine.py). The reasons are read by the people
-- who fix the source system, so they say what is wrong in plain words.
create or replace macro problem(col, v, reason) as {'column_name': col, 'value': v, 'reason': reason};

create or replace macro is_blank(v) as nullif(trim(v), '') is null;

create or replace macro required(col, v) as
    case when is_blank(v) then problem(col, v, col || ' is blank, and every row needs it') end;

create or replace macro must_be_uk_date(col, v) as
    case when not is_blank(v) and uk_date(v) is null
         then problem(col, v, col || ' is not a real date written DD/MM/YYYY') end;

create or replace macro must_be_iso_date(col, v) as
    case when not is_blank(v) and iso_date(v) is null
         then problem(col, v, col || ' is not a real date written YYYY-MM-DD') end;

-- Digits only (or Excel's 3.0): a cast would read 1.5 as 2 and -1 as a count.
create or replace macro must_be_whole_number(col, v) as
    case when not is_blank(v) and not regexp_full_match(trim(v), '[0-9]+(\.0+)?')
         then problem(col, v, col || ' is not a whole number') end;

create or replace macro must_be_yes_no(col, v) as
    case when not is_blank(v) and yes_no(v) is null
         then problem(col, v, col || ' is not a yes/no value (1/0, true/false or Y/N)') end;

create or replace macro must_be_sex(col, v) as
    case when not is_blank(v) and sex_code(v) is null
         then problem(col, v, col || ' is not a sex code (1/2, M/F/U, or GenderCurrent 0/1/2/9)') end;

-- The problems that apply, as a list (empty when the row types cleanly).
create or replace macro problems(checks) as list_filter(checks, p -> p is not null);

-- Annex A writes coded values as `a) code: label` or `e) PR4 - Private provision`:
-- the code is what is left after the list letter, before ':' or ' - '.
create or replace macro annex_code(v) as
    nullif(trim(regexp_extract(regexp_replace(trim(v), '^[a-zA-Z]{1,2}\)\s*', ''), '^(.*?)(\s*:|\s+-\s|$)', 1)), '');

-- An FTE or a count of posts: digits, and a decimal point, as the census and the HR contract write
-- them. Not must_be_number, which reads -1 and 1e3 as numbers no return writes.
create or replace macro must_be_decimal(col, v) as
    case when not is_blank(v) and not regexp_full_match(trim(v), '[0-9]+(\.[0-9]+)?')
         then problem(col, v, col || ' "' || trim(v) || '" is not a number written like 0.5 or 1') end;

create or replace macro must_be_number(col, v) as
    case when not is_blank(v) and try_cast(trim(v) as double) is null
         then problem(col, v, col || ' is not a number') end;

-- Free-text codes compared with a list of spellings (the HR contract's
-- reference.hr_value_aliases): lower case, runs of spaces as one, blank as NULL.
create or replace macro clean_label(v) as nullif(lower(regexp_replace(trim(v), '\s+', ' ', 'g')), '');

-- HR systems export dates as the contract asks (YYYY-MM-DD) or as Excel shows
-- them in England (DD/MM/YYYY); both are unambiguous, so both are read.
create or replace macro iso_or_uk_date(v) as coalesce(iso_date(v), uk_date(v));

-- Small-number suppression (docs/scorecard.md): a count of 1 to 4, strictly between 0 and 5 so
-- a fractional FTE of 4.5 is small too. Missing is not small: NULL and NaN are "no data".
create or replace macro is_small(x) as coalesce(not isnan(x::double) and abs(x) > 0 and abs(x) < 5, false);

-- A value at the precision the board sees it: counts and days whole, everything else to 0.1.
-- DuckDB's round() takes halves away from zero (410.5 days shows as 411), as Excel does, so an
-- analyst checking the pack in a spreadsheet gets the same figure.
create or replace macro at_shown_precision(unit, x) as
    case when unit in ('count', 'days') then round(x) else round(x, 1) end;

-- An event (a birth, a referral, an episode's start or end, a decision) cannot come after the
-- extract that reports it: 2099 for 2009 is a typing slip, and counted as a figure it would put
-- the child in care or in need for decades to come. Not for planned or due dates, which may.
create or replace macro must_not_be_after_extract(col, v, d, extract_date) as
    case when d > extract_date
         then problem(col, v, col || ' ' || strftime(d, '%Y-%m-%d') || ' is after the extract date '
                              || strftime(extract_date, '%Y-%m-%d')) end;

-- A coded value must be one of the codes its contract lists (contracts/<table>.toml), the same
-- expression its GX check runs: an unknown code is counted under no heading, or
-- under a wrong one (an LS of ZZ counted as looked after). Compared trimmed and upper-cased.
create or replace macro must_be_code(col, v, codes) as
    case when not is_blank(v) and not list_contains(codes, clean_code(v))
         then problem(col, v, col || ' "' || trim(v) || '" is not one of its codes ('
                              || array_to_string(codes, ', ') || ')') end;

-- An end cannot come before its start (an episode, a match, a closure): the event would have a
-- negative length. Judged only when both dates read; an unreadable one has its own problem.
create or replace macro must_not_be_before(col, v, d, other_col, other_d) as
    case when d < other_d
         then problem(col, v, col || ' ' || strftime(d, '%Y-%m-%d') || ' is before ' || other_col || ' '
                              || strftime(other_d, '%Y-%m-%d') || ', which it cannot precede') end;

-- The year to date runs from the 1 April on or before a date (the DfE's reporting year).
create or replace macro year_to_date_start(d) as make_date(year(d) - (month(d) < 4)::int, 4, 1);

-- The HR contract's dates: YYYY-MM-DD as it asks, or DD/MM/YYYY as Excel shows them in England.
create or replace macro must_be_date(col, v) as
    case when not is_blank(v) and iso_or_uk_date(v) is null
         then problem(col, v, col || ' is not a real date written YYYY-MM-DD or DD/MM/YYYY') end;

-- Annex A yes/no columns, with or without the list's `a)` prefix (`a) Yes`).
create or replace macro must_be_annex_yes_no(col, v) as
    case when not is_blank(v) and yes_no(annex_code(v)) is null
         then problem(col, v, col || ' is not a yes/no value (Yes/No, Y/N, 1/0 or true/false)') end;

-- Free-text codes (the HR contract's contract types) compared as labels: lower case, runs of spaces as one.
create or replace macro must_be_label(col, v, labels) as
    case when not is_blank(v) and not list_contains(labels, clean_label(v))
         then problem(col, v, col || ' "' || trim(v) || '" is not one of ' || array_to_string(labels, ', ')) end;
