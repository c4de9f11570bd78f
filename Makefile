# The interface: `make demo`, `make test`, `make dev`. Needs only python3 (3.11+) and make.
PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
UV := .tools/bin/uv
BIN := $(VENV)/bin

# Nothing downloads at run time and nothing phones home.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1
export GX_ANALYTICS_ENABLED := false

DEMO_LANDING ?= data/landing
DEMO_WAREHOUSE ?= data/warehouse.duckdb
DEMO_EXPORTS ?= data/exports
DEMO_MONTHS ?= 12
DEMO_ARRIVING ?= data/arriving
# Synthetic published figures for England's councils (the DfE LAIT layout): neighbours, quartile, rank.
DEMO_PUBLISHED ?= data/published_figures

.PHONY: setup browser demo test dev clean bench

setup: $(VENV)/.synced

# uv lives in its own small venv so `uv sync` can manage .venv exactly to the lock.
$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --all-groups --compile-bytecode --python $(PYTHON)
	@touch $@

# Headless Chromium (Debian package) for the browser test and the demo's screenshot. Installed only
# when missing and we are root with apt; otherwise says why the browser test will skip.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get install -y --no-install-recommends chromium \
		|| (apt-get update && apt-get install -y --no-install-recommends chromium); \
	else echo "make browser: no /usr/bin/chromium and cannot install it (needs root and apt-get):" \
		"the browser test will skip and make demo keeps no screenshot"; fi

# The demo lives the last month as a team does: last month's packs are built and published, then
# this month's extract lands (it carries the year's corrected return) and the build runs again, so
# the newest pack shows how a revised figure reads.
demo: setup browser
	$(BIN)/csc-synthetic generate --landing $(DEMO_LANDING) --months $(DEMO_MONTHS) --hold-latest $(DEMO_ARRIVING) \
		--published-figures $(DEMO_PUBLISHED)
	CSC_PUBLISHED_FIGURES=$(abspath $(DEMO_PUBLISHED)) $(BIN)/csc-scorecard build --landing $(DEMO_LANDING) --warehouse $(DEMO_WAREHOUSE) --exports $(DEMO_EXPORTS)
	for extract in $(DEMO_ARRIVING)/*; do rm -rf $(DEMO_LANDING)/$$(basename $$extract); mv $$extract $(DEMO_LANDING)/; done
	CSC_PUBLISHED_FIGURES=$(abspath $(DEMO_PUBLISHED)) $(BIN)/csc-scorecard build --landing $(DEMO_LANDING) --warehouse $(DEMO_WAREHOUSE) --exports $(DEMO_EXPORTS)
	$(BIN)/python -m csc_tools.browser screenshot $(DEMO_EXPORTS)

test: setup browser
	$(BIN)/python -m pytest

dev: setup
	VIRTUAL_ENV=$(CURDIR)/$(VENV) $(BIN)/dg dev --host 127.0.0.1 --port 3000

clean:
	rm -rf data .dagster_home/storage .dagster_home/history .dagster_home/schedules .dagster_home/logs

# A national run (152 councils, 36 months of history) timed phase by phase: bench/results.md.
# The dataset is generated once into bench/cache/ (about 5 GB; 15 minutes on two cores).
bench: setup
	$(BIN)/python -m csc_tools.bench
