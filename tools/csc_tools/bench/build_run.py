"""One `csc-scorecard build` in this process, with its steps' durations, for the benchmark.

    python -m csc_tools.bench.build_run SETTINGS.toml RESULT.json

Run as a child process so its peak memory can be read apart from the benchmark's own.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

# A step key's layer: how the benchmark splits a run into ingest, validation, metrics, exports.
PHASES = (("raw_", "ingest"), ("gx_", "validation"), ("exports__", "exports"))


def phase_of(step_key: str) -> str:
    return next((phase for prefix, phase in PHASES if step_key.startswith(prefix)), "models_and_metrics")


def main(settings_file: str, result_file: str) -> int:
    os.environ["CSC_SETTINGS_FILE"] = settings_file
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    started = time.perf_counter()
    from csc_scorecard.defs.runner import build

    imported = time.perf_counter() - started
    _, outcome = build()
    wall = time.perf_counter() - started
    phases: dict[str, float] = {}
    for step, seconds in outcome.step_seconds.items():
        phases[phase_of(step)] = phases.get(phase_of(step), 0.0) + seconds
    Path(result_file).write_text(json.dumps({
        "exit_code": outcome.exit_code,
        "failed": outcome.failed_checks + outcome.failed_steps,
        "wall_seconds": round(wall, 1),
        "import_seconds": round(imported, 1),
        "phase_seconds": {k: round(v, 1) for k, v in sorted(phases.items())},
        "slowest_steps": dict(sorted(((k, round(v, 1)) for k, v in outcome.step_seconds.items()),
                                     key=lambda kv: -kv[1])[:8]),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "step_seconds": {k: round(v, 2) for k, v in outcome.step_seconds.items()},
    }, indent=1))
    return outcome.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
