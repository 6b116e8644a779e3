"""What an ESC/POS printer's status bytes mean (Epson ESC/POS reference, DLE EOT and GS r).

Pure functions over bytes, so every bit rule is tested without a printer.

- `DLE EOT 1` printer status: bit 3 set = offline.
- `DLE EOT 2` offline cause: bit 2 cover open, bit 5 printing stopped by paper end,
  bit 6 error.
- `DLE EOT 4` roll paper sensor: bits 2-3 paper near end, bits 5-6 paper not present.
- `GS r 1` paper sensor (sent in order with print data): bits 0-1 near end, bits 2-3
  paper not present.

Every `DLE EOT` reply has the fixed pattern 0xx1xx10 (bits 1 and 4 set, bits 0 and 7
clear); a byte that does not is not a status reply (noise, or an unrelated answer) and
is ignored rather than misread.
"""

from __future__ import annotations

from hardware.printer import PrinterStatus

DLE_EOT = b"\x10\x04"
GS_R = b"\x1d\x72"

PRINTER_STATUS, OFFLINE_CAUSE, ERROR_CAUSE, PAPER_SENSOR = 1, 2, 3, 4

_FIXED_MASK, _FIXED_VALUE = 0x93, 0x12
_OFFLINE = 0x08
_COVER_OPEN = 0x04
_STOPPED_BY_PAPER_END = 0x20
_ERROR = 0x40
_NEAR_END = 0x0C
_PAPER_NOT_PRESENT = 0x60
_GS_R_NEAR_END = 0x03
_GS_R_NOT_PRESENT = 0x0C


def dle_eot(n: int) -> bytes:
    return DLE_EOT + bytes([n])


def gs_r_paper() -> bytes:
    return GS_R + b"\x01"


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_VALUE


def last_status_byte(reply: bytes) -> int | None:
    """The newest byte of `reply` that has the DLE EOT pattern, or None."""
    for value in reversed(reply):
        if is_status_byte(value):
            return value
    return None


def decode_status(printer: int | None, offline_cause: int | None, paper: int | None) -> PrinterStatus:
    """One status from the three real-time replies (None: that query got no valid reply).

    No reply to the printer-status query means the printer is not there: OFFLINE. When it
    is offline, the cause decides what to tell the technician; an unknown cause stays
    OFFLINE. A printer online with no paper (some report so) is still PAPER_OUT.
    """
    if printer is None:
        return PrinterStatus.OFFLINE
    paper_out = paper is not None and paper & _PAPER_NOT_PRESENT == _PAPER_NOT_PRESENT
    near_end = paper is not None and paper & _NEAR_END == _NEAR_END
    if printer & _OFFLINE:
        if offline_cause is not None and offline_cause & _COVER_OPEN:
            return PrinterStatus.COVER_OPEN
        if paper_out or (offline_cause is not None and offline_cause & _STOPPED_BY_PAPER_END):
            return PrinterStatus.PAPER_OUT
        return PrinterStatus.OFFLINE
    if paper_out:
        return PrinterStatus.PAPER_OUT
    if near_end:
        return PrinterStatus.PAPER_LOW
    return PrinterStatus.READY


def decode_gs_r_paper(value: int) -> PrinterStatus:
    """The paper status in a `GS r 1` reply (the answer that follows a finished job)."""
    if value & _GS_R_NOT_PRESENT == _GS_R_NOT_PRESENT:
        return PrinterStatus.PAPER_OUT
    if value & _GS_R_NEAR_END == _GS_R_NEAR_END:
        return PrinterStatus.PAPER_LOW
    return PrinterStatus.READY
