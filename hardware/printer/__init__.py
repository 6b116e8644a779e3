"""Printer interface: print a job, report status.

A job is already rendered (PDF bytes, or a raster image for thermal printers); the
printer does not know what a receipt is. Status is polled before and after every job
because a job sent while the paper is out is accepted silently by most printers.

Drivers beside it: `escpos` (thermal printers, over `escpos_links`, reading
`escpos_status`), `cups` (a CUPS queue, watched through `ipp`), `folder` (files), and
`simulated` (the demo's printer, a folder printer with a status one can force).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import StrEnum

# What a job can carry, and what a driver says it takes (`Printer.accepts`).
FORMAT_PDF = "pdf"          # PrintJob.pdf: page printers (CUPS), files
FORMAT_RASTER = "raster"    # PrintJob.raster_png: a 1-bit image the width of the print head
FORMAT_ESCPOS = "escpos"    # PrintJob.escpos: ready ESC/POS bytes (commands, images, cut)


class PrinterStatus(StrEnum):
    READY = "ready"
    PAPER_LOW = "paper_low"      # still prints; tell a technician
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"

    @property
    def can_print(self) -> bool:
        return self in (PrinterStatus.READY, PrinterStatus.PAPER_LOW)


@dataclass
class PrintJob:
    """One document. `pdf` for page printers and files; `raster` (PNG bytes) for thermal;
    `escpos` (command bytes) for ESC/POS printers. A job may carry several forms; each
    driver prints the one it takes (see `Printer.accepts`)."""

    title: str
    pdf: bytes | None = None
    raster_png: bytes | None = None
    page_size_mm: tuple[float, float] = (80.0, 160.0)
    meta: dict[str, str] = field(default_factory=dict)
    escpos: bytes | None = None


@dataclass
class PrintResult:
    ok: bool
    status_before: PrinterStatus
    status_after: PrinterStatus
    detail: str = ""


class Printer(ABC):
    name: str = "printer"
    # The job forms this driver prints (FORMAT_*). Renderers ask this, so the core never
    # needs to know which driver it talks to; a driver that omits it takes PDF.
    accepts: frozenset[str] = frozenset({FORMAT_PDF})

    @abstractmethod
    def status(self) -> PrinterStatus:
        """Poll the device now. Never raises: an unreachable printer is OFFLINE."""

    @abstractmethod
    def submit(self, job: PrintJob) -> None:
        """Hand the job to the device. Raises PrinterError."""

    def print_job(self, job: PrintJob) -> PrintResult:
        """Check, print, check again: the only honest way to know a receipt came out."""
        before = self.status()
        if not before.can_print:
            return PrintResult(False, before, before, f"printer not ready: {before}")
        try:
            self.submit(job)
        except Exception as exc:  # noqa: BLE001 - drivers raise their own kinds; report them all
            after = self.status()
            return PrintResult(False, before, after, f"{type(exc).__name__}: {exc}")
        after = self.status()
        if after in (PrinterStatus.PAPER_OUT, PrinterStatus.COVER_OPEN, PrinterStatus.OFFLINE):
            return PrintResult(False, before, after, f"printer reported {after} after the job")
        return PrintResult(True, before, after)

    def close(self) -> None:
        """Release the device."""
