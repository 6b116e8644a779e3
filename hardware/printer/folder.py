"""A printer that writes each job to a folder: for archiving receipts, and for demo mode.

Files appear atomically (temporary file in the same folder, fsync, rename), so whatever
watches the folder (a spooler, an operator's share, a test) never sees half a PDF.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import threading
import unicodedata
from pathlib import Path
from typing import Callable

from hardware.errors import PrinterError, PrinterUnavailable
from hardware.printer import Printer, PrinterStatus, PrintJob

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_TITLE_CHARS = 60


def sanitize_title(title: str) -> str:
    """A file-name-safe form of a job title: ASCII letters, digits, '.', '_' and '-'.

    Titles may hold names in Chinese or Vietnamese; accents are stripped and other
    characters become '_', so the file name never depends on the file system's encoding.
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("_", ascii_title).strip("._-")
    return cleaned[:MAX_TITLE_CHARS] or "job"


class FolderPrinter(Printer):
    """Writes `<timestamp>_<title>.pdf` (or `.png` for a raster-only job) into `out_dir`.

    `create`: make the folder (and its parents) if missing. Pass False for a folder on a
    mounted share, so that an unmounted share shows as OFFLINE instead of the receipts
    silently landing on the local disk under the empty mount point.
    """

    name = "folder printer"

    def __init__(
        self,
        out_dir: Path,
        *,
        create: bool = True,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
    ) -> None:
        self.out_dir = Path(out_dir)
        self._clock = clock
        if create:
            try:
                self.out_dir.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # status() reports OFFLINE; nothing to raise from a constructor
        self._lock = threading.Lock()
        self.written: list[Path] = []  # paths of the jobs written, in order

    def status(self) -> PrinterStatus:
        try:
            writable = self.out_dir.is_dir() and os.access(self.out_dir, os.W_OK | os.X_OK)
        except OSError:
            writable = False
        return PrinterStatus.READY if writable else PrinterStatus.OFFLINE

    def submit(self, job: PrintJob) -> None:
        self._write(job)

    def _write(self, job: PrintJob) -> Path:
        if job.pdf is not None:
            payload, suffix = job.pdf, ".pdf"
        elif job.raster_png is not None:
            payload, suffix = job.raster_png, ".png"
        else:
            raise PrinterError("the job has neither a PDF nor a raster image")
        if not self.out_dir.is_dir():
            raise PrinterUnavailable("output folder is missing")
        with self._lock:
            stamp = self._clock().strftime("%Y%m%dT%H%M%S.%f")
            target = self._unique(f"{stamp}_{sanitize_title(job.title)}", suffix)
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=".partial-", suffix=suffix, dir=self.out_dir)
            except OSError as exc:
                raise PrinterUnavailable(f"cannot write to the output folder: {exc.strerror}") from exc
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(payload)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp_name, target)
                self._fsync_dir()
            except OSError as exc:
                try:
                    os.unlink(tmp_name)
                except OSError:
                    pass
                raise PrinterError(f"writing the job failed: {exc.strerror}") from exc
            self.written.append(target)
            return target

    def _unique(self, stem: str, suffix: str) -> Path:
        target = self.out_dir / f"{stem}{suffix}"
        n = 1
        while target.exists():
            n += 1
            target = self.out_dir / f"{stem}-{n}{suffix}"
        return target

    def _fsync_dir(self) -> None:
        # The rename is durable only once the directory entry is on disk too.
        try:
            fd = os.open(self.out_dir, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
