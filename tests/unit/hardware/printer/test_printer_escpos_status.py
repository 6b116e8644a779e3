"""The bits of DLE EOT and GS r replies, as the Epson reference defines them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hardware.printer import PrinterStatus
from hardware.printer.escpos_status import (
    decode_gs_r_paper,
    decode_status,
    dle_eot,
    is_status_byte,
    last_status_byte,
)

ONLINE, OFFLINE = 0x12, 0x1A
CAUSE_NONE, CAUSE_COVER, CAUSE_PAPER_END = 0x12, 0x16, 0x32
PAPER_OK, PAPER_NEAR_END, PAPER_OUT = 0x12, 0x1E, 0x7E

status_bytes = st.integers(0, 255).map(lambda b: (b & ~0x93) | 0x12)


def test_queries_are_dle_eot_n() -> None:
    assert dle_eot(1) == b"\x10\x04\x01"
    assert dle_eot(4) == b"\x10\x04\x04"


def test_the_documented_cases() -> None:
    assert decode_status(ONLINE, None, PAPER_OK) is PrinterStatus.READY
    assert decode_status(ONLINE, None, PAPER_NEAR_END) is PrinterStatus.PAPER_LOW
    assert decode_status(OFFLINE, CAUSE_PAPER_END, PAPER_OUT) is PrinterStatus.PAPER_OUT
    assert decode_status(OFFLINE, CAUSE_COVER, PAPER_OK) is PrinterStatus.COVER_OPEN
    assert decode_status(OFFLINE, CAUSE_NONE, PAPER_OK) is PrinterStatus.OFFLINE
    assert decode_status(None, None, None) is PrinterStatus.OFFLINE
    assert decode_status(ONLINE, None, PAPER_OUT) is PrinterStatus.PAPER_OUT  # online, yet empty


@given(st.none() | status_bytes, st.none() | status_bytes)
def test_no_reply_to_the_printer_query_is_offline(cause: int | None, paper: int | None) -> None:
    assert decode_status(None, cause, paper) is PrinterStatus.OFFLINE


@given(status_bytes, status_bytes)
def test_an_open_cover_wins_while_offline(cause: int, paper: int) -> None:
    assert decode_status(OFFLINE, cause | 0x04, paper) is PrinterStatus.COVER_OPEN


@given(status_bytes, st.none() | status_bytes)
def test_an_offline_printer_never_counts_as_printable(printer: int, cause: int | None) -> None:
    paper_values = [None, PAPER_OK, PAPER_NEAR_END, PAPER_OUT]
    for paper in paper_values:
        assert not decode_status(printer | 0x08, cause, paper).can_print


@given(status_bytes)
def test_paper_not_present_is_never_printable(printer: int) -> None:
    assert decode_status(printer, CAUSE_PAPER_END, PAPER_OUT) is PrinterStatus.PAPER_OUT


def test_status_byte_pattern_and_last_valid_byte() -> None:
    assert is_status_byte(0x12) and is_status_byte(0x7E)
    assert not is_status_byte(0x00) and not is_status_byte(0xFF)
    assert last_status_byte(b"") is None
    assert last_status_byte(b"\x00\x12\xff") == 0x12
    assert last_status_byte(b"\x12\x1a") == 0x1A


def test_gs_r_paper_sensor() -> None:
    assert decode_gs_r_paper(0x00) is PrinterStatus.READY
    assert decode_gs_r_paper(0x03) is PrinterStatus.PAPER_LOW
    assert decode_gs_r_paper(0x0F) is PrinterStatus.PAPER_OUT
