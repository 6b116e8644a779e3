"""DG1 (ICAO 9303-10 4.7.1): the MRZ as the chip stores it, TD1 (3 x 30) or TD3 (2 x 44).

Only its shape is checked here: the check digits and the fields are the MRZ's rules, in
`kiosk.domain.mrz`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds import DataGroup, file_root

TAG_MRZ = 0x5F1F

_MRZ_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
_MRZ_WIDTH = {90: 30, 88: 44}  # TD1: 3 x 30; TD3: 2 x 44


@dataclass(frozen=True)
class Dg1:
    mrz: str  # the MRZ as one string, lines concatenated, as DG1 stores it

    @property
    def lines(self) -> tuple[str, ...]:
        width = _MRZ_WIDTH[len(self.mrz)]
        return tuple(self.mrz[i : i + width] for i in range(0, len(self.mrz), width))

    @property
    def layout(self) -> Literal["TD1", "TD3"]:
        return "TD1" if len(self.mrz) == 90 else "TD3"


def build_dg1(mrz: str) -> bytes:
    """`mrz` as lines separated by newlines (as `kiosk.domain.mrz.format_td1` gives) or joined."""
    joined = "".join(mrz.split())
    if len(joined) not in _MRZ_WIDTH or not set(joined.encode("ascii")) <= _MRZ_CHARS:
        raise ValueError("not a TD1 (90) or TD3 (88 characters) MRZ")
    return tlv.encode_constructed(DataGroup.DG1.tag, tlv.encode(TAG_MRZ, joined.encode("ascii")))


def parse_dg1(data: bytes) -> Dg1:
    """The MRZ string; its check digits are for `kiosk.domain.mrz.parse_mrz` to verify."""
    value = file_root(data, DataGroup.DG1).require(TAG_MRZ).value
    if len(value) not in _MRZ_WIDTH:
        raise MalformedDocument(f"DG1 MRZ of {len(value)} characters (TD1 has 90, TD3 88)")
    if not set(value) <= _MRZ_CHARS:
        raise MalformedDocument("DG1 MRZ holds characters an MRZ cannot")
    return Dg1(value.decode("ascii"))

