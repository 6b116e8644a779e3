"""The small IPP client and how CUPS printer attributes map to the kiosk's printer status.

A real CUPS server is exercised by tests/integration/printing; here a tiny HTTP server
answers with IPP bytes built by hand, so each rule is checked without cupsd.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.errors import PrinterError
from hardware.printer import PrinterStatus, PrintJob
from hardware.printer import ipp
from hardware.printer.cups import CupsPrinter, page_size_option, status_from_attributes


def _attrs(state: int = ipp.PRINTER_IDLE, reasons: tuple[str, ...] = ("none",), accepting: bool = True) -> dict:
    return {"printer-state": [state], "printer-state-reasons": list(reasons), "printer-is-accepting-jobs": [accepting]}


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        (_attrs(), PrinterStatus.READY),
        (_attrs(ipp.PRINTER_PROCESSING), PrinterStatus.READY),
        (_attrs(reasons=("media-low-report",)), PrinterStatus.PAPER_LOW),
        (_attrs(reasons=("media-empty-error",)), PrinterStatus.PAPER_OUT),
        (_attrs(ipp.PRINTER_STOPPED, ("media-needed",)), PrinterStatus.PAPER_OUT),
        (_attrs(reasons=("cover-open-error", "media-empty-error")), PrinterStatus.COVER_OPEN),
        (_attrs(reasons=("door-open",)), PrinterStatus.COVER_OPEN),
        (_attrs(reasons=("offline-report",)), PrinterStatus.OFFLINE),  # how backends say "not answering"
        (_attrs(reasons=("offline-error",)), PrinterStatus.OFFLINE),
        (_attrs(ipp.PRINTER_STOPPED, ("paused",)), PrinterStatus.OFFLINE),
        (_attrs(ipp.PRINTER_STOPPED), PrinterStatus.OFFLINE),
        (_attrs(accepting=False), PrinterStatus.OFFLINE),
        (_attrs(ipp.PRINTER_STOPPED, ("media-low-warning",)), PrinterStatus.OFFLINE),
        ({}, PrinterStatus.OFFLINE),
    ],
)
def test_status_from_printer_attributes(attrs: dict, expected: PrinterStatus) -> None:
    status, detail = status_from_attributes(attrs)
    assert status is expected, detail


@given(st.lists(st.sampled_from(["media-empty", "cover-open", "paused", "media-jam", "none"]), min_size=1),
       st.sampled_from(["", "-error", "-warning"]))
def test_a_blocking_reason_is_never_printable(reasons: list[str], suffix: str) -> None:
    names = tuple(r if r == "none" else r + suffix for r in reasons)
    status, _ = status_from_attributes(_attrs(reasons=names))
    assert status.can_print == all(r == "none" for r in reasons)


def test_page_size_option() -> None:
    assert page_size_option((80.0, 162.36)) == "PageSize=Custom.80x162.36mm"
    assert page_size_option((80.0, 150.0)) == "PageSize=Custom.80x150mm"


def test_request_encoding() -> None:
    body = ipp.encode_request(ipp.GET_JOB_ATTRIBUTES, [(ipp.TAG_INTEGER, "job-id", 7)], request_id=3)
    assert body[:8] == bytes([1, 1, 0, 9, 0, 0, 0, 3])
    assert body[8] == ipp.TAG_OPERATION and body[-1] == ipp.TAG_END
    assert b"attributes-charset" in body and b"utf-8" in body
    assert b"\x21\x00\x06job-id\x00\x04\x00\x00\x00\x07" in body


def _value(tag: int, name: str, raw: bytes) -> bytes:
    return struct.pack(">BH", tag, len(name)) + name.encode() + struct.pack(">H", len(raw)) + raw


def _response(status: int, group: int, attrs: list[bytes]) -> bytes:
    head = struct.pack(">BBHI", 1, 1, status, 1) + bytes([ipp.TAG_OPERATION])
    head += _value(ipp.TAG_CHARSET, "attributes-charset", b"utf-8")
    return head + bytes([group]) + b"".join(attrs) + bytes([ipp.TAG_END])


PRINTER_REPLY = _response(0, ipp.TAG_PRINTER, [
    _value(ipp.TAG_ENUM, "printer-state", struct.pack(">i", 5)),
    _value(ipp.TAG_KEYWORD, "printer-state-reasons", b"media-empty-error"),
    _value(ipp.TAG_KEYWORD, "", b"cover-open-warning"),  # an additional value
    _value(ipp.TAG_BOOLEAN, "printer-is-accepting-jobs", b"\x01"),
])


def test_response_parsing_with_additional_values() -> None:
    attrs = ipp.parse_response(PRINTER_REPLY).group(ipp.TAG_PRINTER)
    assert attrs == {
        "printer-state": [5],
        "printer-state-reasons": ["media-empty-error", "cover-open-warning"],
        "printer-is-accepting-jobs": [True],
    }
    with pytest.raises(ipp.IppError):
        ipp.parse_response(b"\x01\x01")


@pytest.fixture
def ipp_server() -> Iterator[tuple[list[bytes], int]]:
    requests: list[bytes] = []
    replies = {"printer": PRINTER_REPLY, "status": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            requests.append(self.rfile.read(int(self.headers["Content-Length"])))
            body = replies["printer"] if not replies["status"] else _response(replies["status"], ipp.TAG_PRINTER, [])
            self.send_response(200)
            self.send_header("Content-Type", "application/ipp")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield requests, server.server_address[1], replies  # type: ignore[misc]
    server.shutdown()
    server.server_close()


def test_cups_printer_status_over_ipp(ipp_server) -> None:
    requests, port, replies = ipp_server
    printer = CupsPrinter("receipts", server=f"127.0.0.1:{port}", timeout=1)
    assert printer.status() is PrinterStatus.COVER_OPEN
    assert f"ipp://127.0.0.1:{port}/printers/receipts".encode() in requests[0]
    replies["status"] = 0x0406  # client-error-not-found: no such queue
    assert printer.status() is PrinterStatus.OFFLINE
    assert "refused" in printer.last_detail


def test_an_unreachable_server_is_offline_and_pdf_is_required() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    printer = CupsPrinter("receipts", server=f"127.0.0.1:{port}", timeout=0.5)
    assert printer.status() is PrinterStatus.OFFLINE
    assert not printer.print_job(PrintJob("SH-1", pdf=b"%PDF-1.4")).ok
    with pytest.raises(PrinterError, match="PDF"):
        printer.submit(PrintJob("SH-1", raster_png=b"\x89PNG"))
