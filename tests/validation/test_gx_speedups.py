"""GX's per-expectation Python, made cheaper without changing what it computes: every patched
reader gives what GX's own gives, for every expectation in the project's suites."""

import datetime

import numpy as np
import pytest

from csc_scorecard.validation import gx_compat, gx_duckdb
from csc_scorecard.validation.suites import load_suites


@pytest.fixture(scope="module")
def expectations():
    import great_expectations as gx

    gx_compat.counted_rows_expectation()  # as GxSession does
    built = []
    for suite in load_suites():
        built.extend(gx.ExpectationSuite(**gx_duckdb._suite_kwargs(suite.document)).expectations)
    return built


@pytest.fixture(autouse=True)
def faster():
    with gx_compat.faster_expectations():  # as each GxSession.run_suite does
        yield


def test_the_suites_give_the_readers_every_kind_of_expectation(expectations):
    kinds = {type(e).__name__ for e in expectations}
    # Every row rule a contract declares is a column map expectation on staging's own expression; the
    # per-file twins and uniqueness rules are counted-rows queries.
    assert len(expectations) > 100 and kinds == {"ExpectColumnValuesToKeepContractRule", "UnexpectedRowsCountExpectation"}


@pytest.mark.parametrize("reader", ["_get_domain_kwargs", "_get_success_kwargs"])
def test_kwarg_readers_read_what_gx_reads(expectations, reader):
    from great_expectations.expectations.expectation import Expectation

    patched = getattr(Expectation, reader)
    assert patched.__wrapped__ is not patched  # the scope installed our reader
    for e in expectations:
        assert patched(e) == patched.__wrapped__(e), (reader, e)


@pytest.mark.parametrize("runtime", [None, {}, {"result_format": "SUMMARY"},
                                     {"result_format": {"result_format": "BASIC"}, "catch_exceptions": False}])
def test_runtime_kwargs_are_what_gx_builds(expectations, runtime):
    from great_expectations.expectations.expectation import Expectation

    patched = Expectation._get_runtime_kwargs
    for e in expectations:
        assert patched(e, runtime) == patched.__wrapped__(e, runtime), (runtime, e)


def test_single_kwarg_reads_what_gx_reads_including_defaults_and_unknown_keys(expectations):
    from great_expectations.expectations.expectation import Expectation

    patched = Expectation._get_success_kwarg
    for e in expectations:
        for key in (*e.runtime_keys, *e.success_keys, "no_such_kwarg"):
            assert patched(e, key, "fallback") == patched.__wrapped__(e, key, "fallback"), (key, e)


def test_serialising_for_metric_ids_answers_as_gx_does():
    from great_expectations import util

    patched = util.convert_to_json_serializable
    values = [None, {"column": "a", "row_condition": None, "value_set": ["x", None]}, [None, 1, "b"],
              np.int64(3), np.float32(0.5), np.bool_(True), float("nan"), datetime.date(2025, 3, 31), (None,)]
    for value in values:
        assert patched(value) == patched.__wrapped__(value), value
    assert patched(None) is None
