"""Fingerprint captures as one ISO/IEC 19794-4:2005 finger image record.

The office takes prints in the standard's binary record, which every AFIS reads: a
32-byte general header (format "FIR", version "010", resolution, compression) and, per
press, a 14-byte finger image header (finger position, view number, quality, size)
followed by the compressed image. The standard allows PNG (compression 5) besides WSQ
and JPEG 2000; PNG is lossless, and OpenCV already writes it.

Written by hand, because no maintained library does: the one PyPI package for the
format (`iso19794`, a single 2020 release) only reads, as a Pillow plugin, and NIST's
NBIS (`an2k`) writes the ANSI/NIST-ITL container, not this record. The layout below is
the standard's tables 2 and 4, big-endian throughout; `read_record` is the inverse, for
tests and for `kiosk` tools that must check what they send.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Iterable, Protocol

FORMAT_ID = b"FIR\x00"
VERSION = b"010\x00"
COMPRESSION_PNG = 5
IMPRESSION_LIVE_SCAN_PLAIN = 0
SCALE_PPI = 1
_GENERAL = struct.Struct(">4s4s6sHHBBHHHHBBH")       # 32 bytes; the 6-byte length packed by hand
_VIEW = struct.Struct(">IBBBBBHHB")                  # 14 bytes
assert _GENERAL.size == 32 and _VIEW.size == 14

# Finger positions (table 5): 1 right thumb ... 5 right little, 6 left thumb ... 10 left little.
FINGER_POSITIONS = {
    f"{hand}_{finger}": number
    for number, (hand, finger) in enumerate(
        [(h, f) for h in ("right", "left") for f in ("thumb", "index", "middle", "ring", "little")], start=1
    )
}


class Capture(Protocol):
    finger: str
    png: bytes
    width: int
    height: int
    dpi: int
    quality: int


def _acquisition_level(dpi: int) -> int:
    """Table 1's image acquisition setting level for an 8-bit image of this resolution."""
    if dpi >= 1000:
        return 41
    if dpi >= 500:
        return 31
    return 20


def write_record(captures: Iterable[Capture], *, device_id: int = 0) -> bytes:
    """One record holding every press; the presses of a finger are its views 1, 2, ..."""
    captures = list(captures)
    if not captures:
        raise ValueError("a finger image record needs at least one capture")
    dpis = {c.dpi for c in captures}
    if len(dpis) != 1:
        raise ValueError("every view of one record has the resolution of its header")
    dpi = dpis.pop()
    fingers: dict[str, list[Capture]] = {}
    for c in captures:
        if c.finger not in FINGER_POSITIONS:
            raise ValueError(f"unknown finger {c.finger!r}")
        fingers.setdefault(c.finger, []).append(c)
    blocks = []
    for finger, views in fingers.items():
        for number, c in enumerate(views, start=1):
            header = _VIEW.pack(_VIEW.size + len(c.png), FINGER_POSITIONS[finger], len(views), number,
                                max(0, min(100, c.quality)), IMPRESSION_LIVE_SCAN_PLAIN, c.width, c.height, 0)
            blocks.append(header + c.png)
    body = b"".join(blocks)
    length = _GENERAL.size + len(body)
    general = _GENERAL.pack(FORMAT_ID, VERSION, length.to_bytes(6, "big"), device_id, _acquisition_level(dpi),
                            len(fingers), SCALE_PPI, dpi, dpi, dpi, dpi, 8, COMPRESSION_PNG, 0)
    return general + body


@dataclass(frozen=True)
class View:
    position: int
    views: int
    view_number: int
    quality: int
    width: int
    height: int
    image: bytes

    def __repr__(self) -> str:
        return f"View(position={self.position}, view={self.view_number}/{self.views}, {self.width}x{self.height})"


def read_record(data: bytes) -> tuple[int, list[View]]:
    """(resolution in ppi, the views) of a record `write_record` made; ValueError otherwise."""
    if len(data) < _GENERAL.size:
        raise ValueError("too short for a finger image record")
    (fmt, version, length, _device, _level, fingers, scale, hres, _vres, _ihres, _ivres, depth, compression,
     _reserved) = _GENERAL.unpack_from(data)
    if fmt != FORMAT_ID or version != VERSION:
        raise ValueError("not an ISO/IEC 19794-4:2005 finger image record")
    if int.from_bytes(length, "big") != len(data) or scale != SCALE_PPI or depth != 8 or compression != COMPRESSION_PNG:
        raise ValueError("a finger image record this kiosk does not write")
    views, offset = [], _GENERAL.size
    while offset < len(data):
        (size, position, count, number, quality, _impression, width, height, _r) = _VIEW.unpack_from(data, offset)
        if size < _VIEW.size or offset + size > len(data):
            raise ValueError("a finger view runs past the record")
        views.append(View(position, count, number, quality, width, height, data[offset + _VIEW.size: offset + size]))
        offset += size
    if len({v.position for v in views}) != fingers:
        raise ValueError("the record's finger count does not match its views")
    return hres, views
