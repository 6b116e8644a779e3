"""A folder printer whose status tests and the demo can force, and which honours it.

Like a real receipt printer, it accepts a job sent while the paper is out (or the cover
open) without complaint and prints nothing: that is exactly why `Printer.print_job`
polls the status before and after every job.
"""

from __future__ import annotations

import threading
from pathlib import Path

from hardware.errors import PrinterUnavailable
from hardware.printer.folder import FolderPrinter
from hardware.printer import PrinterStatus, PrintJob


class SimulatedPrinter(FolderPrinter):
    """Writes jobs to `out_dir` unless a forced status says it cannot print.

    Test hooks: `set_status(status)` (None returns to the folder's real status),
    `run_out_of_paper_after(n)` (paper runs out during job n+1: that job is silently
    lost and the status turns PAPER_OUT), `dropped` (titles of the jobs lost).
    """

    name = "simulated printer"

    def __init__(self, out_dir: Path, *, create: bool = True) -> None:
        super().__init__(out_dir, create=create)
        self._forced: PrinterStatus | None = None
        self._jobs_until_paper_out: int | None = None
        self._state_lock = threading.Lock()
        self.dropped: list[str] = []

    def set_status(self, status: PrinterStatus | None) -> None:
        with self._state_lock:
            self._forced = PrinterStatus(status) if status is not None else None

    def run_out_of_paper_after(self, jobs: int) -> None:
        if jobs < 0:
            raise ValueError("jobs must be >= 0")
        with self._state_lock:
            self._jobs_until_paper_out = jobs

    def status(self) -> PrinterStatus:
        with self._state_lock:
            forced = self._forced
        return forced if forced is not None else super().status()

    def submit(self, job: PrintJob) -> None:
        with self._state_lock:
            if self._jobs_until_paper_out is not None:
                if self._jobs_until_paper_out == 0:
                    self._jobs_until_paper_out = None
                    self._forced = PrinterStatus.PAPER_OUT
                else:
                    self._jobs_until_paper_out -= 1
            forced = self._forced
        if forced is PrinterStatus.OFFLINE:
            raise PrinterUnavailable("printer is offline")
        if forced is not None and not forced.can_print:
            self.dropped.append(job.title)  # accepted, never printed: as real printers do
            return
        super().submit(job)
