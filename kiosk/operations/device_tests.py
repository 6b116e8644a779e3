"""The technician's live tests of the chip reader and the printer, through the kiosk's
own driver stack (the same reader object and read order a citizen's card meets, the same
printer object and status polls a receipt meets), so a passing test means the journey
would pass too.

Results carry technical facts only: the ATR, the access protocol, counts and timings,
printer states. Never a name, number or photo from the card: a technician's test card may
be a real citizen's card.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from hardware.errors import DeviceUnavailable, HardwareError
from hardware.printer import FORMAT_ESCPOS, FORMAT_PDF, FORMAT_RASTER, Printer, PrintJob
from kiosk.documents.access import CanKey
from kiosk.documents.errors import AccessKeyRequired, DocumentError, WrongAccessKey
from kiosk.documents.reader import ReadOptions, read_document
from kiosk.workflow.jobs import JobContext

log = logging.getLogger("kiosk.operations")

CARD_WAIT_S = 10.0


@dataclass(frozen=True)
class CardTest:
    """outcome: read | no_card | key_required | wrong_key | document_error | reader_unavailable"""

    outcome: str
    reader: str = ""
    atr: str = ""                      # hex, spaced in bytes
    access_protocol: str = ""          # PACE-..., BAC, none
    passive_auth: str = ""             # passed, failed, ... (the signature chain, not the holder)
    apdus: int = 0
    bytes_read: int = 0
    timings_s: dict[str, float] = field(default_factory=dict)
    detail: str = ""                   # the error's class, for the technician

    @property
    def ok(self) -> bool:
        return self.outcome == "read"


def card_test(reader: Any, *, trust: Any = None, options: ReadOptions | None = None,
              wait_s: float = CARD_WAIT_S, clock: Callable[[], float] = time.perf_counter
              ) -> Callable[[str | None, JobContext], CardTest]:
    """The work of the card test: wait for a card, then the full read a citizen's card
    gets (PACE with `can` when given, else BAC needs a key the test does not have: the
    outcome then says `key_required`, with the ATR and how far it came)."""

    def run(can: str | None, ctx: JobContext) -> CardTest:
        name = str(getattr(reader, "name", "reader"))
        started = clock()
        try:
            conn = reader.wait_for_card(wait_s, ctx.cancel_event)
        except DeviceUnavailable as exc:
            return CardTest("reader_unavailable", name, detail=type(exc).__name__)
        except HardwareError as exc:
            return CardTest("reader_unavailable", name, detail=type(exc).__name__)
        if conn is None:
            return CardTest("no_card", name, timings_s={"wait_for_card": round(clock() - started, 4)})
        connected = clock()
        atr = " ".join(f"{b:02X}" for b in bytes(getattr(conn, "atr", b"") or b""))
        name = str(getattr(conn, "reader", name))
        wait = {"wait_for_card": round(connected - started, 4)}
        try:
            with conn:
                doc = read_document(conn, cancel=ctx.cancel_event, trust=trust, options=options,
                                    access_key=CanKey(can) if can else None)
        except AccessKeyRequired as exc:
            return CardTest("key_required", name, atr, detail=type(exc).__name__,
                            timings_s={**wait, "total": round(clock() - started, 4)})
        except WrongAccessKey as exc:
            return CardTest("wrong_key", name, atr, detail=type(exc).__name__,
                            timings_s={**wait, "total": round(clock() - started, 4)})
        except DocumentError as exc:
            return CardTest("document_error", name, atr, detail=type(exc).__name__,
                            timings_s={**wait, "total": round(clock() - started, 4)})
        except HardwareError as exc:
            return CardTest("reader_unavailable", name, atr, detail=type(exc).__name__)
        done = clock()
        pa = doc.passive_auth
        return CardTest(
            "read", name, atr,
            access_protocol=doc.access_protocol,
            passive_auth="" if pa is None else str(pa.status.value),
            apdus=doc.apdu_count,
            bytes_read=doc.bytes_read,
            timings_s={**wait, **{k: round(v, 4) for k, v in doc.timings.items()}, "total": round(done - started, 4)},
        )

    return run


@dataclass(frozen=True)
class PrintTest:
    ok: bool
    status_before: str
    status_after: str
    detail: str = ""
    remaining_receipts: int | None = None   # the paper count, when the roll is counted


def test_page(printer: Printer, kiosk_id: str, now: dt.datetime) -> PrintJob:
    """A short page in a form `printer` takes: ASCII only (code pages garble the rest)."""
    lines = ["KIOSK TEST PRINT", f"kiosk {kiosk_id}", now.strftime("%Y-%m-%d %H:%M:%S %Z").strip(),
             "0123456789 ABCDEFGHIJ"]
    accepts = frozenset(printer.accepts)
    job = PrintJob(title="test print", page_size_mm=(80.0, 40.0), meta={"kind": "test"})
    if FORMAT_ESCPOS in accepts:
        from escpos.printer import Dummy

        p = Dummy()
        p.set(align="center")
        p.text("\n".join(lines) + "\n\n")
        p.cut()
        job.escpos = p.output
    if FORMAT_RASTER in accepts:
        from PIL import Image, ImageDraw

        image = Image.new("1", (576, 24 * len(lines) + 16), 1)
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines):
            draw.text((16, 8 + 24 * i), line, fill=0)
        buf = io.BytesIO()
        image.save(buf, "PNG")
        job.raster_png = buf.getvalue()
    if FORMAT_PDF in accepts or not (accepts & {FORMAT_ESCPOS, FORMAT_RASTER}):
        from reportlab.lib.units import mm
        from reportlab.pdfgen import canvas

        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(80 * mm, 40 * mm))
        for i, line in enumerate(lines):
            c.drawString(6 * mm, (32 - 7 * i) * mm, line)
        c.showPage()
        c.save()
        job.pdf = buf.getvalue()
    return job


def print_test(printer: Printer, kiosk_id: str, *, paper_count: Callable[[], Any] | None = None,
               clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)
               ) -> Callable[[JobContext], PrintTest]:
    """The work of the test print: check, print, check again (`Printer.print_job`)."""

    def run(ctx: JobContext) -> PrintTest:
        result = printer.print_job(test_page(printer, kiosk_id, clock()))
        remaining = None
        if paper_count is not None:
            try:
                count = paper_count()
                remaining = None if count is None else count.remaining_receipts
            except Exception:  # noqa: BLE001 - the count is a nicety beside the printer's own answer
                log.warning("paper count unreadable after the test print")
        return PrintTest(result.ok, str(result.status_before.value), str(result.status_after.value),
                         result.detail, remaining)

    return run
