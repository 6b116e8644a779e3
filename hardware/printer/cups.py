"""Printers behind a CUPS queue: the receipt goes in as a PDF with its own page size.

Jobs are submitted with `lp` (cups-client), which encodes options the way every CUPS
filter chain expects; the page size is passed as `-o PageSize=Custom.80x<H>mm`, or
the receipt would be centred on an A4 or Letter page. Status and the fate of each job
are read over IPP (`ipp.IppClient`): printer state, state reasons and whether the queue
accepts jobs before and after; after submitting, the job is followed until CUPS reports
it completed, aborted or canceled, so a job that a backend silently dropped is not taken
for a printed receipt.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import threading
import time
from typing import Any

from hardware.errors import PrinterError, PrinterUnavailable
from hardware.printer import FORMAT_PDF, Printer, PrinterStatus, PrintJob
from hardware.printer import ipp

log = logging.getLogger(__name__)

_REQUEST_ID_RE = re.compile(r"request id is (?P<queue>\S+)-(?P<id>\d+)")
_SEVERITY = re.compile(r"-(error|warning|report)$")

# printer-state-reasons (RFC 8011 and PWG 5100.9) and what they mean at the kiosk.
_REASONS: dict[str, PrinterStatus] = {
    "media-empty": PrinterStatus.PAPER_OUT,
    "media-needed": PrinterStatus.PAPER_OUT,
    "input-tray-missing": PrinterStatus.PAPER_OUT,
    "cover-open": PrinterStatus.COVER_OPEN,
    "door-open": PrinterStatus.COVER_OPEN,
    "interlock-open": PrinterStatus.COVER_OPEN,
    "media-jam": PrinterStatus.OFFLINE,
    "offline": PrinterStatus.OFFLINE,
    "shutdown": PrinterStatus.OFFLINE,
    "paused": PrinterStatus.OFFLINE,
    "stopped": PrinterStatus.OFFLINE,
    "timed-out": PrinterStatus.OFFLINE,
    "media-low": PrinterStatus.PAPER_LOW,
}
_PRECEDENCE = (PrinterStatus.COVER_OPEN, PrinterStatus.PAPER_OUT, PrinterStatus.OFFLINE, PrinterStatus.PAPER_LOW)


def status_from_attributes(attrs: dict[str, list[Any]]) -> tuple[PrinterStatus, str]:
    """The kiosk's status for a queue's IPP printer attributes, and why."""
    state = (attrs.get("printer-state") or [None])[0]
    accepting = (attrs.get("printer-is-accepting-jobs") or [True])[0]
    reasons = [r for r in attrs.get("printer-state-reasons", []) if isinstance(r, str) and r != "none"]
    found: set[PrinterStatus] = set()
    for reason in reasons:
        # The severity suffix is ignored: "offline-report" is how CUPS backends say the
        # printer stopped answering, and a kiosk must not count on a receipt then.
        base = _SEVERITY.sub("", reason)
        if base in _REASONS:
            found.add(_REASONS[base])
    detail = f"printer-state={state} reasons={','.join(reasons) or 'none'} accepting={accepting}"
    for status in _PRECEDENCE:
        if status in found:
            if status is PrinterStatus.PAPER_LOW and (state == ipp.PRINTER_STOPPED or not accepting):
                break
            return status, detail
    if state == ipp.PRINTER_STOPPED or not accepting or state is None:
        return PrinterStatus.OFFLINE, detail
    return PrinterStatus.READY, detail


def page_size_option(size_mm: tuple[float, float]) -> str:
    width, height = size_mm
    return f"PageSize=Custom.{_mm(width)}x{_mm(height)}mm"


def _mm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class CupsPrinter(Printer):
    """One CUPS queue (`queue` empty: the server's default destination)."""

    accepts = frozenset({FORMAT_PDF})

    def __init__(
        self,
        queue: str = "",
        *,
        server: str = "",
        timeout: float = 3.0,
        job_timeout: float = 60.0,
        poll_interval: float = 0.2,
        lp: str = "lp",
    ) -> None:
        self.client = ipp.IppClient(server, timeout)
        self.queue = queue
        self.timeout = timeout
        self.job_timeout = job_timeout
        self.poll_interval = poll_interval
        self.lp = lp
        self.name = f"CUPS queue {queue or '(default)'}"
        self.last_detail = ""
        self.last_job_id: int | None = None
        self._lock = threading.Lock()

    def _queue(self) -> str:
        if self.queue:
            return self.queue
        default = self.client.default_queue()
        if not default:
            raise PrinterUnavailable(f"CUPS at {self.client.server} has no default queue")
        return default

    def status(self) -> PrinterStatus:
        try:
            attrs = self.client.printer_attributes(self._queue())
        except (ipp.IppError, PrinterUnavailable) as exc:
            self.last_detail = str(exc)
            return PrinterStatus.OFFLINE
        except Exception as exc:  # noqa: BLE001 - status() never raises
            self.last_detail = f"{type(exc).__name__}: {exc}"
            return PrinterStatus.OFFLINE
        status, self.last_detail = status_from_attributes(attrs)
        if status is not PrinterStatus.READY:
            log.info("%s: %s (%s)", self.name, status.value, self.last_detail)
        return status

    def submit(self, job: PrintJob) -> None:
        if job.pdf is None:
            raise PrinterError("a CUPS queue needs a PDF job")
        with self._lock:
            queue = self._queue()
            job_id = self._lp(queue, job)
            self.last_job_id = job_id
            try:
                self._follow(queue, job_id)
            except _Stuck:
                # A receipt printed hours later, when someone fixes the printer, would lie
                # in the tray for anyone to take; the citizen was told to ask staff, and
                # staff reprint it on demand. So a stuck job is withdrawn.
                self._cancel(queue, job_id)
                raise

    def _lp(self, queue: str, job: PrintJob) -> int:
        exe = shutil.which(self.lp)
        if exe is None:
            raise PrinterUnavailable(f"{self.lp} not found (Debian package cups-client)")
        args = [exe, "-h", self.client.server, "-d", queue, "-t", job.title or "receipt",
                "-o", page_size_option(job.page_size_mm), "-"]
        env = dict(os.environ, LC_ALL="C", LANG="C")  # parse the untranslated answer
        try:
            done = subprocess.run(args, input=job.pdf, capture_output=True, env=env, timeout=max(self.timeout, 10))
        except subprocess.TimeoutExpired as exc:
            raise PrinterUnavailable("lp did not return in time") from exc
        out = done.stdout.decode("utf-8", errors="replace")
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", errors="replace").strip()
            raise PrinterUnavailable(f"lp failed: {err or out or done.returncode}")
        m = _REQUEST_ID_RE.search(out)
        if m is None:
            raise PrinterError(f"lp gave no job id: {out.strip()!r}")
        return int(m.group("id"))

    def _follow(self, queue: str, job_id: int) -> None:
        """Wait for the job to end; raise unless CUPS says it completed."""
        deadline = time.monotonic() + self.job_timeout
        state: int | None = None
        reasons: list[str] = []
        while time.monotonic() < deadline:
            attrs = self.client.job_attributes(queue, job_id)
            state = (attrs.get("job-state") or [None])[0]
            reasons = [r for r in attrs.get("job-state-reasons", []) if isinstance(r, str)]
            if state == ipp.JOB_COMPLETED:
                return
            if state in (ipp.JOB_CANCELED, ipp.JOB_ABORTED):
                raise PrinterError(
                    f"CUPS job {job_id} {ipp.JOB_STATE_NAMES[state]} ({', '.join(reasons) or 'no reason given'})"
                )
            if state in (ipp.JOB_PENDING, ipp.JOB_HELD, ipp.JOB_STOPPED):
                printer_status, detail = status_from_attributes(self.client.printer_attributes(queue))
                if not printer_status.can_print:
                    raise _Stuck(f"CUPS job {job_id} waits on a printer that cannot print ({detail})")
            time.sleep(self.poll_interval)
        name = ipp.JOB_STATE_NAMES.get(state or 0, "unknown")
        raise _Stuck(f"CUPS job {job_id} still {name} after {self.job_timeout:g} s")

    def _cancel(self, queue: str, job_id: int) -> None:
        exe = shutil.which("cancel")
        if exe is None:
            return
        try:
            subprocess.run(
                [exe, "-h", self.client.server, f"{queue}-{job_id}"],
                capture_output=True, timeout=max(self.timeout, 10), env=dict(os.environ, LC_ALL="C"),
            )
        except (OSError, subprocess.SubprocessError):
            log.warning("%s: could not cancel stuck job %s", self.name, job_id)


class _Stuck(PrinterError):
    """The job did not end in time, or waits on a printer that cannot print."""
