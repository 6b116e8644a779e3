"""The ESC/POS driver against a small fake printer, over TCP and over a pty.

The fake answers real-time DLE EOT queries and the in-order GS r 1 the driver sends after
each job, from status bytes the test sets. (The printing integration tests use emupos,
an independent emulator; this fake only makes each rule cheap to check.)
"""

from __future__ import annotations

import os
import select
import socket
import socketserver
import threading
import tty
from collections.abc import Iterator

import pytest

from hardware.printer import FORMAT_ESCPOS, FORMAT_RASTER, PrinterStatus, PrintJob
from hardware.printer.escpos_links import is_serial_port
from hardware.printer.escpos import EscposPrinter, raster_job

JOB = b"\x1b@hello\n\x1dV\x00"


class FakePrinter:
    def __init__(self) -> None:
        self.printer, self.cause, self.paper = 0x12, 0x12, 0x12
        self.gs_r: int | None = 0x00  # None: never answers (job held)
        self.silent = False
        self.received = bytearray()
        self._pos = 0
        self.lock = threading.Lock()

    def feed(self, data: bytes) -> bytes:
        with self.lock:
            self.received += data
            reply = bytearray()
            buf = self.received
            while self._pos < len(buf):
                rest = bytes(buf[self._pos:self._pos + 3])
                if rest[:2] in (b"\x10\x04", b"\x1dr") and len(rest) < 3:
                    break  # wait for the parameter byte
                if rest[:2] == b"\x10\x04":
                    reply.append({1: self.printer, 2: self.cause, 4: self.paper}.get(rest[2], 0x12))
                    self._pos += 3
                elif rest[:2] == b"\x1dr":
                    if self.gs_r is not None:
                        reply.append(self.gs_r)
                    self._pos += 3
                else:
                    self._pos += 1
            return b"" if self.silent else bytes(reply)

    def job_bytes(self) -> bytes:
        return bytes(self.received).replace(b"\x10\x04\x01", b"").replace(b"\x10\x04\x02", b"").replace(
            b"\x10\x04\x04", b""
        ).replace(b"\x1dr\x01", b"")


@pytest.fixture
def fake_tcp() -> Iterator[tuple[FakePrinter, int]]:
    fake = FakePrinter()

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            while True:
                try:
                    data = self.request.recv(4096)
                except OSError:
                    return
                if not data:
                    return
                reply = fake.feed(data)
                if reply:
                    self.request.sendall(reply)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield fake, server.server_address[1]
    server.shutdown()
    server.server_close()


def _printer(port: int, **kwargs: object) -> EscposPrinter:
    return EscposPrinter.network("127.0.0.1", port, timeout=0.5, job_timeout=0.8, **kwargs)  # type: ignore[arg-type]


def test_it_takes_escpos_and_raster() -> None:
    assert EscposPrinter.accepts == frozenset({FORMAT_ESCPOS, FORMAT_RASTER})


@pytest.mark.parametrize(
    ("printer", "cause", "paper", "expected"),
    [
        (0x12, 0x12, 0x12, PrinterStatus.READY),
        (0x12, 0x12, 0x1E, PrinterStatus.PAPER_LOW),
        (0x1A, 0x32, 0x7E, PrinterStatus.PAPER_OUT),
        (0x1A, 0x16, 0x12, PrinterStatus.COVER_OPEN),
        (0x1A, 0x12, 0x12, PrinterStatus.OFFLINE),
    ],
)
def test_status_over_tcp(fake_tcp, printer: int, cause: int, paper: int, expected: PrinterStatus) -> None:
    fake, port = fake_tcp
    fake.printer, fake.cause, fake.paper = printer, cause, paper
    assert _printer(port).status() is expected


def test_a_printer_that_does_not_answer_is_offline(fake_tcp) -> None:
    fake, port = fake_tcp
    fake.silent = True
    p = _printer(port)
    assert p.status() is PrinterStatus.OFFLINE
    assert "no status reply" in p.last_detail


def test_nothing_listening_is_offline() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert _printer(port).status() is PrinterStatus.OFFLINE


def test_a_job_is_sent_then_confirmed(fake_tcp) -> None:
    fake, port = fake_tcp
    result = _printer(port).print_job(PrintJob("SH-1", escpos=JOB))
    assert result.ok, result.detail
    assert JOB in bytes(fake.received)
    assert bytes(fake.received).index(JOB) < bytes(fake.received).rindex(b"\x1dr\x01")


def test_a_job_the_printer_holds_is_not_reported_printed(fake_tcp) -> None:
    fake, port = fake_tcp
    fake.gs_r = None  # e.g. the paper ran out after the status check: the job waits
    result = _printer(port).print_job(PrintJob("SH-1", escpos=JOB))
    assert not result.ok
    assert "did not confirm" in result.detail


def test_paper_running_out_during_the_job(fake_tcp) -> None:
    fake, port = fake_tcp
    fake.gs_r = 0x0F
    result = _printer(port).print_job(PrintJob("SH-1", escpos=JOB))
    assert not result.ok and "ran out" in result.detail


def test_no_job_is_sent_to_a_printer_that_cannot_print(fake_tcp) -> None:
    fake, port = fake_tcp
    fake.printer, fake.cause, fake.paper = 0x1A, 0x32, 0x7E
    result = _printer(port).print_job(PrintJob("SH-1", escpos=JOB))
    assert not result.ok and result.status_before is PrinterStatus.PAPER_OUT
    assert JOB not in bytes(fake.received)


def test_raster_jobs_are_converted_and_pdf_only_jobs_refused(fake_tcp) -> None:
    from PIL import Image
    import io

    fake, port = fake_tcp
    buf = io.BytesIO()
    Image.new("1", (576, 40), 1).save(buf, "PNG")
    result = _printer(port).print_job(PrintJob("SH-1", raster_png=buf.getvalue()))
    assert result.ok
    assert raster_job(buf.getvalue()) in bytes(fake.received)
    refused = _printer(port).print_job(PrintJob("SH-1", pdf=b"%PDF-1.4"))
    assert not refused.ok and "PDF" in refused.detail


@pytest.fixture
def fake_pty() -> Iterator[tuple[FakePrinter, str]]:
    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    fake = FakePrinter()
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(master, 4096)
            except OSError:
                continue
            reply = fake.feed(data)
            if reply:
                os.write(master, reply)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield fake, path
    stop.set()
    thread.join(2)
    os.close(master)
    os.close(slave)  # kept open so the master never sees EIO between sessions


def test_serial_port_status_and_job(fake_pty) -> None:
    fake, path = fake_pty
    assert is_serial_port(path)
    p = EscposPrinter.device(path, 115200, timeout=0.5, job_timeout=1.0)
    assert "serial" in p.name
    assert p.status() is PrinterStatus.READY
    fake.printer, fake.cause = 0x1A, 0x16
    assert p.status() is PrinterStatus.COVER_OPEN
    fake.printer, fake.cause = 0x12, 0x12
    assert p.print_job(PrintJob("SH-1", escpos=JOB)).ok
    assert JOB in bytes(fake.received)


def test_device_file_link_reads_status_with_a_deadline(fake_pty) -> None:
    # The USB printer-class link (/dev/usb/lpN) works on any readable, writable device file.
    fake, path = fake_pty
    p = EscposPrinter.device_file(path, timeout=0.5, job_timeout=1.0)
    fake.paper = 0x1E
    assert p.status() is PrinterStatus.PAPER_LOW
    assert p.print_job(PrintJob("SH-1", escpos=JOB)).ok
    fake.silent = True
    assert p.status() is PrinterStatus.OFFLINE


def test_a_missing_device_is_offline(tmp_path) -> None:
    missing = str(tmp_path / "lp9")
    assert not is_serial_port(missing)
    p = EscposPrinter.device(missing, timeout=0.2)
    assert p.status() is PrinterStatus.OFFLINE
    assert not p.print_job(PrintJob("SH-1", escpos=JOB)).ok
