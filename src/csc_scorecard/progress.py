"""What `csc-scorecard build` says while it runs: the step it is on, of how many, and for how long.

Only to a terminal: a cron job's log gets the summary and the warnings, not a line per step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO


class StepProgress:
    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic):
        self.total, self.stream, self.clock = total, stream, clock
        self.started_at = clock()
        self.steps_started = 0

    def step_started(self, step: str) -> None:
        self.steps_started += 1
        # One line a step rather than a line rewritten in place: Dagster's warnings go to the same
        # stderr and would land in the middle of a rewritten line.
        print(f"[{self._elapsed()}] step {self.steps_started} of {self.total}: {step}", file=self.stream, flush=True)

    def step_failed(self, step: str) -> None:
        print(f"[{self._elapsed()}] step {step} failed", file=self.stream, flush=True)

    def _elapsed(self) -> str:
        minutes, seconds = divmod(int(self.clock() - self.started_at), 60)
        return f"{minutes}:{seconds:02d}"
