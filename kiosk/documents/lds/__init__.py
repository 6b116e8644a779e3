"""ICAO 9303-10 Logical Data Structure: the chip's files, bytes in and values out.

One module per file, as JMRTD's `lds` package has one class per file: `com` (EF.COM),
`dg1` (the MRZ, TD1 and TD3), `dg2` (the face container) with the face records it may
hold (`iso19794_5`, `iso39794_5`, and `face_image` for what they share), `dg11`, `dg13`
(Viet Nam's national data), `sod` (EF.SOD) and `card_access` (EF.CardAccess). Each parses
and builds (the demo card and the test chip are built with the same code that reads
them). Nothing here sends an APDU (that is `channel` and `filesystem`), applies MRZ rules
(that is `kiosk.domain.mrz`) or decodes a portrait's pixels (that is `chip_portrait`).
Parsers raise MalformedDocument (TlvError is one) on anything they cannot vouch for, and
nothing else.

This module holds what every file shares: the file table and the file's outer TLV.
"""

from __future__ import annotations

from enum import Enum

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.tlv import Tlv

# -- the file table -----------------------------------------------------------------------


class DataGroup(Enum):
    """LDS elementary files: value = (tag of the file's outer TLV, file id)."""

    COM = (0x60, 0x011E)
    DG1 = (0x61, 0x0101)
    DG2 = (0x75, 0x0102)
    DG3 = (0x63, 0x0103)
    DG4 = (0x76, 0x0104)
    DG5 = (0x65, 0x0105)
    DG6 = (0x66, 0x0106)
    DG7 = (0x67, 0x0107)
    DG8 = (0x68, 0x0108)
    DG9 = (0x69, 0x0109)
    DG10 = (0x6A, 0x010A)
    DG11 = (0x6B, 0x010B)
    DG12 = (0x6C, 0x010C)
    DG13 = (0x6D, 0x010D)
    DG14 = (0x6E, 0x010E)
    DG15 = (0x6F, 0x010F)
    DG16 = (0x70, 0x0110)
    SOD = (0x77, 0x011D)

    @property
    def tag(self) -> int:
        return self.value[0]

    @property
    def fid(self) -> int:
        return self.value[1]

    @classmethod
    def from_tag(cls, tag: int) -> DataGroup | None:
        return _BY_TAG.get(tag)

    @classmethod
    def from_fid(cls, fid: int) -> DataGroup | None:
        return _BY_FID.get(fid)


_BY_TAG = {g.tag: g for g in DataGroup}
_BY_FID = {g.fid: g for g in DataGroup}

TAG_TAG_LIST = 0x5C     # EF.COM and DG11 list tags in a 5C element


def file_root(data: bytes, group: DataGroup) -> Tlv:
    root = tlv.decode(data)
    if root.tag != group.tag:
        raise MalformedDocument(f"{group.name} starts with tag {root.tag:X}, expected {group.tag:X}")
    return root
