"""ISO/IEC 39794-5 face image data blocks: the extensible, ASN.1 DER successor of
19794-5 that ICAO 9303 allows in DG2.

FaceImageDataBlock ::= [APPLICATION 5] { versionBlock [0], representationBlocks [1]
SEQUENCE OF { representationId [0], imageRepresentation [1] { base [0] { 2D block [0]
{ representationData2D [0] OCTET STRING, imageInformation2DBlock [1] {..., imageSizeBlock
[7] { width [0], height [1] } } } } } } }. Parsed structurally: the image is the first
primitive element whose content is a JPEG or JPEG 2000 image; width and height come from
the image size block when present, else from the image header.
"""

from __future__ import annotations

from kiosk.documents import tlv
from kiosk.documents.lds.face_image import FaceImage, ImageMime, probe_size, sniff
from kiosk.documents.tlv import Tlv, TlvError

TAG_39794_FACE_BLOCK = 0x65
_MAX_39794_DEPTH = 10


def parse_face_block(block: bytes) -> FaceImage | None:
    """The face of a 39794-5 block; None when `block` is no such block (DG2 then reads
    it as a 19794-5 record)."""
    try:
        root = tlv.decode(block)
    except TlvError:
        return None
    if root.tag != TAG_39794_FACE_BLOCK or not root.constructed:
        return None
    images: list[bytes] = []
    sizes: list[tuple[int, int]] = []

    def walk(node: Tlv, depth: int) -> None:
        if depth > _MAX_39794_DEPTH:
            return
        if not node.constructed:
            if not images and sniff(node.value) is not None:
                images.append(node.value)
            return
        try:
            children = node.children()
        except TlvError:
            return
        if node.tag == 0xA7 and len(children) >= 2 and not children[0].constructed and not children[1].constructed:
            sizes.append((int.from_bytes(children[0].value, "big"), int.from_bytes(children[1].value, "big")))
        for child in children:
            walk(child, depth + 1)

    walk(root, 0)
    if not images:
        return None
    mime = sniff(images[0])
    assert mime is not None
    width, height = sizes[0] if sizes else probe_size(images[0])
    return FaceImage(images[0], mime, width, height)


def build_face_block(image: bytes, width: int, height: int, mime: ImageMime = "image/jpeg") -> bytes:
    """A face image data block holding one 2D image and its size."""
    size = tlv.encode_constructed(0xA7, tlv.encode(0x80, width.to_bytes(2, "big")),
                                  tlv.encode(0x81, height.to_bytes(2, "big")))
    data_format = tlv.encode(0x80, b"\x00" if mime == "image/jpeg" else b"\x01")
    info = tlv.encode_constructed(0xA1, tlv.encode_constructed(0xA0, data_format), size)
    block2d = tlv.encode_constructed(0xA0, tlv.encode(0x80, image), info)
    representation = tlv.encode_constructed(
        0x30,
        tlv.encode(0x80, b"\x00"),
        tlv.encode_constructed(0xA1, tlv.encode_constructed(0xA0, block2d)),
    )
    version = tlv.encode_constructed(0xA0, tlv.encode(0x80, b"\x00"), tlv.encode(0x81, (2019).to_bytes(2, "big")))
    return tlv.encode_constructed(
        TAG_39794_FACE_BLOCK, version, tlv.encode_constructed(0xA1, representation)
    )
