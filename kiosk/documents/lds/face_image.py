"""The portrait DG2 holds, whichever record carries it: its bytes, format and size.

ICAO 9303 allows JPEG and JPEG 2000 (file format or bare codestream); each is known by
its first bytes, which is also how an image is found when a record's headers are
unusable. The size comes from the record when it states one, else from the image's own
header, read by `kiosk.documents.chip_portrait` (the header only: no pixel is decoded
here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kiosk.documents.errors import MalformedDocument
from kiosk.documents.chip_portrait import portrait_size

ImageMime = Literal["image/jpeg", "image/jp2"]

JPEG_SOI = b"\xff\xd8\xff"
JP2_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"   # JPEG 2000 file format (ISO 15444-1)
J2K_CODESTREAM = b"\xff\x4f\xff\x51"              # bare JPEG 2000 codestream: SOC + SIZ


@dataclass(frozen=True)
class FaceImage:
    data: bytes = field(repr=False)
    mime: ImageMime
    width: int                # as the record header states; 0 when unknown
    height: int
    warning: str = ""         # set when the 19794-5 headers were unusable (see dg2.parse_dg2)


def sniff(image: bytes) -> ImageMime | None:
    if image.startswith(JPEG_SOI):
        return "image/jpeg"
    if image.startswith(JP2_SIGNATURE) or image.startswith(J2K_CODESTREAM):
        return "image/jp2"
    return None


def locate_image(block: bytes, warning: str) -> FaceImage:
    candidates = [(block.find(sig), sig) for sig in (JPEG_SOI, JP2_SIGNATURE, J2K_CODESTREAM)]
    found = [(pos, sig) for pos, sig in candidates if pos >= 0]
    if not found:
        raise MalformedDocument("DG2 biometric data block holds no JPEG or JPEG 2000 image")
    pos, sig = min(found)
    image = block[pos:]
    mime: ImageMime = "image/jpeg" if sig == JPEG_SOI else "image/jp2"
    width, height = probe_size(image)
    return FaceImage(image, mime, width, height, warning)


def probe_size(image: bytes) -> tuple[int, int]:
    """Width and height from the image's own header; (0, 0) when it is unusable, which
    `chip_portrait.check_face` then reports."""
    return portrait_size(image) or (0, 0)
