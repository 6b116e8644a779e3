"""Receipt paper, counted: how much of the roll the receipts since the last change used.

A thermal printer with a near-end sensor says "paper low" a few metres before the end;
many have none, and CUPS queues and folders never say it, so such a kiosk learns that
the roll is empty only when a citizen's receipt does not come out. Counting what was
printed since a technician last put in a roll, against the roll's length from the
configuration, says "paper low" in time on every printer. The count only ever warns: a
roll longer than configured keeps printing, and only the printer may say "paper out".

What a receipt uses is measured from the receipt as rendered (the job's page length,
plus the feed past the cutter on thermal printers), unless the configuration gives a
fixed length. The count is kept in a small JSON file in the data folder, replaced
atomically after every receipt, so a restart or a power cut keeps it; every change reads
it afresh under a lock file, so `kiosk receipt reprint` (another process) counts on the
same roll as the running kiosk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from hardware.printer import Printer, PrinterStatus, PrintJob, PrintResult

log = logging.getLogger("kiosk.operations")

PAPER_FILE = "paper-count.json"
# python-escpos's cut() feeds six lines of 1/6 inch first, so the printed part clears
# the cutter: paper a thermal receipt uses beyond its drawing.
THERMAL_CUT_FEED_MM = 25.4
# A receipt's length until one has been printed on this roll (the kiosk's thermal
# receipt is 130-170 mm, depending on the language).
TYPICAL_RECEIPT_MM = 150.0


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def job_length_mm(job: PrintJob) -> float:
    """Paper `job` takes off the roll: its page, and the cut feed when a thermal printer
    prints it (an ESC/POS or raster job)."""
    length = float(job.page_size_mm[1])
    if job.escpos is not None or (job.raster_png is not None and job.pdf is None):
        length += THERMAL_CUT_FEED_MM
    return length


@dataclass(frozen=True)
class PaperCount:
    """The roll as counted. `roll_mm` 0: not counted (no roll length configured)."""

    receipts: int                  # printed since the last paper change
    printed_mm: float
    changed_at: dt.datetime | None  # the last paper change (None: never recorded)
    roll_mm: float
    receipt_mm: float              # configured, else the mean so far, else typical
    low_receipts: int

    @property
    def counted(self) -> bool:
        return self.roll_mm > 0

    @property
    def remaining_mm(self) -> float | None:
        return max(self.roll_mm - self.printed_mm, 0.0) if self.counted else None

    @property
    def remaining_receipts(self) -> int | None:
        remaining = self.remaining_mm
        return None if remaining is None else int(remaining // self.receipt_mm)

    @property
    def low(self) -> bool:
        left = self.remaining_receipts
        return left is not None and left < self.low_receipts

    def as_dict(self) -> dict[str, Any]:
        remaining = self.remaining_mm
        return {
            "receipts_since_change": self.receipts,
            "printed_m": round(self.printed_mm / 1000, 2),
            "paper_changed_at": self.changed_at.isoformat() if self.changed_at else None,
            "roll_m": round(self.roll_mm / 1000, 2) if self.counted else None,
            "remaining_m": None if remaining is None else round(remaining / 1000, 2),
            "remaining_receipts": self.remaining_receipts,
        }


class PaperCounter:
    """Counts receipts against the roll; thread-safe (jobs print off the GUI thread, the
    monitor reads from its own, a technician resets from the screen).

    `roll_length_m` 0 keeps counting receipts (the status screen shows them) but never
    says "low". `receipt_length_mm` 0: measure each job.
    """

    def __init__(
        self,
        path: Path,
        *,
        roll_length_m: float = 0.0,
        receipt_length_mm: float = 0.0,
        low_receipts: int = 30,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self.path = Path(path)
        self.roll_mm = float(roll_length_m) * 1000
        self.receipt_length_mm = float(receipt_length_mm)
        self.low_receipts = int(low_receipts)
        self._clock = clock
        self._lock = threading.Lock()
        self._warned = False   # an unreadable count is said once, not at every look

    @classmethod
    def from_config(cls, cfg: Any, **kwargs: Any) -> PaperCounter:
        p = cfg.devices.printer
        return cls(
            cfg.kiosk.data_dir / PAPER_FILE,
            roll_length_m=p.roll_length_m,
            receipt_length_mm=p.receipt_length_mm,
            low_receipts=p.paper_low_receipts,
            **kwargs,
        )

    def count(self, job: PrintJob) -> PaperCount:
        """One job came out of the printer."""
        length = self.receipt_length_mm or job_length_mm(job)
        with self._locked():
            receipts, printed, changed = self._load()
            receipts, printed = receipts + 1, printed + length
            self._save(receipts, printed, changed)
            return self._reading(receipts, printed, changed)

    def paper_changed(self) -> PaperCount:
        """A technician put in a new roll: the count starts again."""
        with self._locked():
            changed = self._clock()
            self._save(0, 0.0, changed)
            log.info("paper changed: the receipt count starts again")
            return self._reading(0, 0.0, changed)

    def reading(self) -> PaperCount:
        with self._locked():
            return self._reading(*self._load())

    # -- internals ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """This process's threads, then other processes (an advisory lock file beside the
        count: the count itself is replaced by rename, so it cannot carry the lock)."""
        with self._lock:
            handle = None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                handle = open(self.path.with_name(f".{self.path.name}.lock"), "a")
                fcntl.flock(handle, fcntl.LOCK_EX)
            except OSError:
                pass   # a read-only or full disk: count within this process at least
            try:
                yield
            finally:
                if handle is not None:
                    handle.close()   # releases the lock

    def _reading(self, receipts: int, printed_mm: float, changed_at: dt.datetime | None) -> PaperCount:
        if self.receipt_length_mm:
            receipt = self.receipt_length_mm
        elif receipts:
            receipt = printed_mm / receipts
        else:
            receipt = TYPICAL_RECEIPT_MM
        return PaperCount(receipts, printed_mm, changed_at, self.roll_mm, receipt, self.low_receipts)

    def _load(self) -> tuple[int, float, dt.datetime | None]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            changed = data.get("changed_at")
            return (
                max(int(data["receipts"]), 0),
                max(float(data["printed_mm"]), 0.0),
                dt.datetime.fromisoformat(changed) if changed else None,
            )
        except FileNotFoundError:
            return 0, 0.0, None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # Only a warning is at stake: start from zero rather than refuse to start.
            if self._warned:
                return 0, 0.0, None
            self._warned = True
            log.warning("paper count in %s unreadable (%s): counting from zero", self.path.name, type(exc).__name__)
            return 0, 0.0, None

    def _save(self, receipts: int, printed_mm: float, changed_at: dt.datetime | None) -> None:
        data = {
            "receipts": receipts,
            "printed_mm": round(printed_mm, 2),
            "changed_at": changed_at.isoformat() if changed_at else None,
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".paper-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError as exc:
            # A full disk must not fail a receipt; the disk check reports the disk.
            log.warning("paper count not saved: %s", exc.strerror or type(exc).__name__)


class PaperCountingPrinter(Printer):
    """The kiosk's printer, counting every job that came out (receipts, reprints, test
    prints) on the roll. Everything else is the driver's: its status, its forms, its
    settings and test hooks are reached through this wrapper unchanged."""

    def __init__(self, printer: Printer, counter: PaperCounter) -> None:
        self.inner = printer
        self.counter = counter
        self.name = printer.name
        self.accepts = printer.accepts

    def __getattr__(self, name: str) -> Any:
        # Only for what this class does not define: the renderer's width_dots,
        # escpos_profile, qr_native, last_detail, a simulated printer's set_status...
        inner = self.__dict__.get("inner")
        if inner is None:
            raise AttributeError(name)
        return getattr(inner, name)

    def status(self) -> PrinterStatus:
        return self.inner.status()

    def submit(self, job: PrintJob) -> None:
        self.inner.submit(job)
        self.counter.count(job)

    def print_job(self, job: PrintJob) -> PrintResult:
        result = self.inner.print_job(job)   # the driver's own checks before and after
        if result.ok:
            self.counter.count(job)
        return result

    def close(self) -> None:
        self.inner.close()
