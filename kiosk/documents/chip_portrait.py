"""The chip portrait as a size, as pixels or as JPEG: where DG2's image meets a decoder.

A chip's portrait is JPEG or JPEG 2000, and its header can state 20000 x 20000 pixels in
1 KB (6 GB for OpenJPEG). So whatever needs more of it than its bytes comes here: the DG2
parser for a size the record does not state, the reader to refuse a chip whose portrait
no decoder should open, the identity for a JPEG, `kiosk card read --photo-out` for the
pixels. From here it goes to `hardware.images` under the one chip-portrait limit, and a
refusal is one message, "DG2 portrait unusable: ...", wherever it happens.

`hardware.images` is imported on first use, so that `import kiosk.documents` (the chip
emulator, the CLI) loads neither Pillow nor numpy.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from kiosk.documents.errors import MalformedDocument

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

    from hardware.images import ImageHeader
    from kiosk.documents.lds.face_image import FaceImage


def portrait_size(data: bytes) -> tuple[int, int] | None:
    """Width and height as the image's own header states them; None when the header is
    unusable or states more than a chip portrait has."""
    try:
        header = _header(data)
    except MalformedDocument:
        return None
    return header.width, header.height


def check_face(face: FaceImage) -> None:
    """MalformedDocument unless the portrait's own header states a chip-sized JPEG or
    JPEG 2000 image.

    Called before anything decodes the portrait: a decoder allocates what the header
    states. The size the 19794-5 record states is not trusted for this; the image's
    header is what the decoder will believe.
    """
    _header(face.data)


def decode_face(face: FaceImage) -> Image:
    """The portrait as a Pillow RGB image (JPEG or JPEG 2000); MalformedDocument otherwise,
    also when its header states more pixels than a chip portrait has (see `check_face`)."""
    from hardware.images import CHIP_PORTRAIT, ImageRefused, decode

    try:
        return decode(face.data, CHIP_PORTRAIT)
    except ImageRefused as exc:
        raise MalformedDocument(f"DG2 portrait unusable: {exc}") from None


def face_jpeg(face: FaceImage) -> bytes:
    """The portrait as JPEG, as `Identity.reference_photo` holds it: a JPEG as stored on
    the chip, a JPEG 2000 decoded by `decode_face` and encoded again."""
    if face.mime == "image/jpeg":
        return face.data
    buf = io.BytesIO()
    decode_face(face).save(buf, "JPEG", quality=95)
    return buf.getvalue()


def _header(data: bytes) -> ImageHeader:
    from hardware.images import CHIP_PORTRAIT, ImageRefused, read_header

    try:
        return read_header(data, CHIP_PORTRAIT)
    except ImageRefused as exc:
        raise MalformedDocument(f"DG2 portrait unusable: {exc}") from None
