"""ESC/POS receipt printers (80 mm thermal) over TCP, a serial port or a USB device file.

Status is asked with the real-time `DLE EOT` queries, which a printer answers at once,
even while its buffer is full or printing is stopped:
`DLE EOT 1` (online?), then `DLE EOT 2` (why offline: cover, paper end) and
`DLE EOT 4` (paper sensor). python-escpos's `is_online()` and `paper_status()` send the
same queries, but `paper_status()` reports "paper adequate" when no reply came at all,
which is exactly the silent failure this driver exists to avoid; so the replies are
decoded here (`escpos_status`), and no reply means OFFLINE.

A printer takes a job without a word even when it will never print it (paper out,
cover open). So after the job's bytes the driver sends `GS r 1`: unlike `DLE EOT`, it is
processed in order with the print data, and the printer answers it only once everything
before it has been printed. No answer within `job_timeout` seconds means the job is
stuck; `Printer.print_job` then polls the status to say why.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from typing import Callable

from hardware.errors import HardwareError, PrinterError
from hardware.printer import FORMAT_ESCPOS, FORMAT_RASTER, Printer, PrinterStatus, PrintJob
from hardware.printer import escpos_status as st
from hardware.printer.escpos_links import DeviceFileLink, EscposLink, NetworkLink, SerialLink, is_serial_port

log = logging.getLogger(__name__)

DEFAULT_PROFILE = "TM-T20II"
DEFAULT_WIDTH_DOTS = 576


class EscposPrinter(Printer):
    """One ESC/POS printer. Build it with `network()`, `serial()`, `device_file()` or `device()`.

    The link is opened for each status poll and each job and closed again, so a printer
    that was switched off and on, or a network that dropped, needs no reconnect logic.
    `width_dots`, `escpos_profile` and `qr_native` tell the receipt renderer how to draw
    for this printer.
    """

    accepts = frozenset({FORMAT_ESCPOS, FORMAT_RASTER})

    def __init__(
        self,
        link_factory: Callable[[], EscposLink],
        *,
        name: str = "ESC/POS printer",
        timeout: float = 3.0,
        job_timeout: float = 20.0,
        width_dots: int = DEFAULT_WIDTH_DOTS,
        escpos_profile: str = DEFAULT_PROFILE,
        qr_native: bool = False,
    ) -> None:
        self._link_factory = link_factory
        self.name = name
        self.timeout = timeout
        self.job_timeout = job_timeout
        self.width_dots = width_dots
        self.escpos_profile = escpos_profile
        self.qr_native = qr_native
        self.last_detail = ""  # why the last status was what it was (for maintenance screens)
        self._lock = threading.Lock()

    # -- construction -----------------------------------------------------------------

    @classmethod
    def network(cls, host: str, port: int = 9100, *, timeout: float = 3.0, **kwargs: object) -> EscposPrinter:
        return cls(lambda: NetworkLink(host, port, timeout), name=f"ESC/POS tcp {host}:{port}", timeout=timeout, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def serial(cls, devfile: str, baudrate: int = 9600, *, timeout: float = 3.0, **kwargs: object) -> EscposPrinter:
        return cls(lambda: SerialLink(devfile, baudrate, timeout), name=f"ESC/POS serial {devfile}", timeout=timeout, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def device_file(cls, devfile: str, *, timeout: float = 3.0, **kwargs: object) -> EscposPrinter:
        return cls(lambda: DeviceFileLink(devfile, timeout), name=f"ESC/POS device {devfile}", timeout=timeout, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def device(cls, devfile: str, baudrate: int = 9600, *, timeout: float = 3.0, **kwargs: object) -> EscposPrinter:
        """A serial port (tty) or a USB printer device file (/dev/usb/lpN), whichever it is."""
        if is_serial_port(devfile):
            return cls.serial(devfile, baudrate, timeout=timeout, **kwargs)
        return cls.device_file(devfile, timeout=timeout, **kwargs)

    # -- Printer ----------------------------------------------------------------------

    def status(self) -> PrinterStatus:
        with self._lock:
            try:
                link = self._link_factory()
                link.open()
            except HardwareError as exc:
                return self._report(PrinterStatus.OFFLINE, str(exc))
            except Exception as exc:  # noqa: BLE001 - status() never raises
                return self._report(PrinterStatus.OFFLINE, f"{type(exc).__name__}: {exc}")
            try:
                return self._query(link)
            except Exception as exc:  # noqa: BLE001
                return self._report(PrinterStatus.OFFLINE, f"{type(exc).__name__}: {exc}")
            finally:
                _close_quietly(link)

    def submit(self, job: PrintJob) -> None:
        data = self._job_bytes(job)
        with self._lock:
            link = self._link_factory()
            link.open()
            try:
                link.write(data)
                link.write(st.gs_r_paper())
                reply = self._wait_for_gs_r(link, self.job_timeout)
            finally:
                _close_quietly(link)
        if reply is None:
            raise PrinterError(
                f"the printer did not confirm the job within {self.job_timeout:g} s (it holds or lost it)"
            )
        paper = st.decode_gs_r_paper(reply)
        if paper is PrinterStatus.PAPER_OUT:
            raise PrinterError("the paper ran out during the job")

    # -- helpers ----------------------------------------------------------------------

    def _job_bytes(self, job: PrintJob) -> bytes:
        if job.escpos is not None:
            return job.escpos
        if job.raster_png is not None:
            return raster_job(job.raster_png, self.escpos_profile)
        raise PrinterError("an ESC/POS printer needs an ESC/POS or raster job, this one has only a PDF")

    def _ask(self, link: EscposLink, n: int) -> int | None:
        link.write(st.dle_eot(n))
        deadline = time.monotonic() + self.timeout
        received = b""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            chunk = link.read(remaining)
            if chunk:
                received += chunk
                value = st.last_status_byte(received)
                if value is not None:
                    return value

    def _query(self, link: EscposLink) -> PrinterStatus:
        printer = self._ask(link, st.PRINTER_STATUS)
        if printer is None:
            return self._report(PrinterStatus.OFFLINE, f"no status reply from {link.description}")
        cause = self._ask(link, st.OFFLINE_CAUSE) if printer & 0x08 else None
        paper = self._ask(link, st.PAPER_SENSOR)
        status = st.decode_status(printer, cause, paper)
        return self._report(status, f"{link.description}: DLE EOT 1={printer:#04x}"
                            + (f" 2={cause:#04x}" if cause is not None else "")
                            + (f" 4={paper:#04x}" if paper is not None else ""))

    @staticmethod
    def _wait_for_gs_r(link: EscposLink, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            chunk = link.read(min(remaining, 0.5))
            for value in chunk:
                if value & 0x90 == 0:  # GS r replies are 0xx0xxxx; skip anything else
                    return value

    def _report(self, status: PrinterStatus, detail: str) -> PrinterStatus:
        if status is not PrinterStatus.READY:
            log.info("%s: %s (%s)", self.name, status.value, detail)
        self.last_detail = detail
        return status


def raster_job(png: bytes, profile: str = DEFAULT_PROFILE) -> bytes:
    """An ESC/POS job printing one receipt image (PNG) and cutting: for raster-only jobs."""
    from escpos.printer import Dummy
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("1")
    p = Dummy(profile=profile)
    p.hw("INIT")
    p.image(image, impl="bitImageRaster", fragment_height=256)
    p.cut()
    return p.output


def _close_quietly(link: EscposLink) -> None:
    try:
        link.close()
    except Exception:  # noqa: BLE001 - closing is best effort
        pass
