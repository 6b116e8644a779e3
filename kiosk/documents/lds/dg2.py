"""DG2 (ICAO 9303-10 4.7.2): the face, in a biometric information group template.

The container is the ISO/IEC 7816-11 biometric template (7F61 > 7F60 > header A1 and data
block 5F2E); the data block holds an ISO/IEC 19794-5 facial record (`iso19794_5`) or an
ISO/IEC 39794-5 face image data block (`iso39794_5`).
"""

from __future__ import annotations

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds import DataGroup, file_root
from kiosk.documents.lds.face_image import FaceImage, ImageMime, locate_image
from kiosk.documents.lds.iso19794_5 import FAC_MAGIC, BadRecord, build_facial_record, parse_facial_record
from kiosk.documents.lds.iso39794_5 import build_face_block, parse_face_block
from kiosk.documents.tlv import Tlv

TAG_BIOMETRIC_GROUP = 0x7F61
TAG_BIOMETRIC_COUNT = 0x02
TAG_BIOMETRIC_TEMPLATE = 0x7F60
TAG_BIOMETRIC_HEADER = 0xA1
TAG_BIOMETRIC_DATA = 0x5F2E
TAG_BIOMETRIC_DATA_ENCIPHERED = 0x7F2E


def build_dg2(image: bytes, width: int, height: int, mime: ImageMime = "image/jpeg", sex: str = "") -> bytes:
    header = tlv.encode_constructed(
        TAG_BIOMETRIC_HEADER,
        tlv.encode(0x80, b"\x01\x01"),      # ICAO header version 1.1
        tlv.encode(0x81, b"\x02"),          # biometric type: facial features
        tlv.encode(0x82, b"\x00"),          # subtype: none
        tlv.encode(0x87, b"\x01\x01"),      # format owner: ISO/IEC JTC 1/SC 37
        tlv.encode(0x88, b"\x00\x08"),      # format type: 19794-5
    )
    template = tlv.encode_constructed(
        TAG_BIOMETRIC_TEMPLATE,
        header,
        tlv.encode(TAG_BIOMETRIC_DATA, build_facial_record(image, width, height, mime, sex)),
    )
    group = tlv.encode_constructed(TAG_BIOMETRIC_GROUP, tlv.encode(TAG_BIOMETRIC_COUNT, b"\x01"), template)
    return tlv.encode_constructed(DataGroup.DG2.tag, group)


def build_dg2_39794(image: bytes, width: int, height: int, mime: ImageMime = "image/jpeg") -> bytes:
    """A DG2 whose biometric data block is an ISO/IEC 39794-5 face image data block."""
    face_block = build_face_block(image, width, height, mime)
    header = tlv.encode_constructed(
        TAG_BIOMETRIC_HEADER,
        tlv.encode(0x80, b"\x01\x01"),
        tlv.encode(0x81, b"\x02"),
        tlv.encode(0x87, b"\x01\x01"),
        tlv.encode(0x88, b"\x00\x09"),      # format type (readers recognise the format by content)
    )
    template = tlv.encode_constructed(TAG_BIOMETRIC_TEMPLATE, header, tlv.encode(TAG_BIOMETRIC_DATA, face_block))
    group = tlv.encode_constructed(TAG_BIOMETRIC_GROUP, tlv.encode(TAG_BIOMETRIC_COUNT, b"\x01"), template)
    return tlv.encode_constructed(DataGroup.DG2.tag, group)


def parse_dg2(data: bytes) -> FaceImage:
    """The first face image of DG2.

    The TLV structure must be right (it is what the chip's signature covers). Inside the
    biometric data block, the 19794-5 headers are parsed; when they are malformed (some
    issuers' are), the image is located by its JPEG / JPEG 2000 signature instead and
    `warning` says so, so a technician can spot such a card series in the logs.
    """
    group = file_root(data, DataGroup.DG2).require(TAG_BIOMETRIC_GROUP)
    block: Tlv | None = None
    for template in group.children():
        if template.tag != TAG_BIOMETRIC_TEMPLATE:
            continue
        children = template.children()
        block = next(
            (c for c in children if c.tag in (TAG_BIOMETRIC_DATA, TAG_BIOMETRIC_DATA_ENCIPHERED)),
            None,
        )
        if block is not None:
            break
    if block is None:
        raise MalformedDocument("DG2 holds no biometric data block")
    if not block.value.startswith(FAC_MAGIC):
        face = parse_face_block(block.value)
        if face is not None:
            return face
    try:
        return parse_facial_record(block.value)
    except BadRecord as exc:
        return locate_image(block.value, f"19794-5 record unusable ({exc}); image found by signature")
