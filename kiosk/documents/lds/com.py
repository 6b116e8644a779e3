"""EF.COM (ICAO 9303-10 4.6.1): the LDS version and which data groups the chip holds.

The reader reads it first and takes its list as the plan of the read.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds import TAG_TAG_LIST, DataGroup, file_root

TAG_LDS_VERSION = 0x5F01
TAG_UNICODE_VERSION = 0x5F36


@dataclass(frozen=True)
class ComFile:
    lds_version: str          # e.g. '0107' for LDS 1.7
    unicode_version: str      # e.g. '040000'
    tags: tuple[int, ...]     # tags of the data groups present

    @property
    def data_groups(self) -> tuple[DataGroup, ...]:
        """The listed groups the LDS table knows, in listed order (unknown tags skipped)."""
        groups = (DataGroup.from_tag(t) for t in self.tags)
        return tuple(g for g in groups if g is not None and g not in (DataGroup.COM, DataGroup.SOD))


def build_com(groups: list[DataGroup], lds_version: str = "0107", unicode_version: str = "040000") -> bytes:
    return tlv.encode_constructed(
        DataGroup.COM.tag,
        tlv.encode(TAG_LDS_VERSION, lds_version.encode("ascii")),
        tlv.encode(TAG_UNICODE_VERSION, unicode_version.encode("ascii")),
        tlv.encode(TAG_TAG_LIST, bytes(g.tag for g in groups)),
    )


def parse_com(data: bytes) -> ComFile:
    root = file_root(data, DataGroup.COM)
    lds = root.find(TAG_LDS_VERSION)
    uni = root.find(TAG_UNICODE_VERSION)
    tags = root.require(TAG_TAG_LIST)
    return ComFile(
        lds_version=_ascii(lds.value, "LDS version") if lds else "",
        unicode_version=_ascii(uni.value, "Unicode version") if uni else "",
        tags=tuple(tags.value),  # data-group tags are one byte each
    )


def _ascii(value: bytes, what: str) -> str:
    if not value.isascii():
        raise MalformedDocument(f"{what} is not ASCII")
    return value.decode("ascii")
