"""ISO/IEC 19794-5:2005 facial records, the face format most issued chips carry in DG2.

A binary record: a 14-byte header ("FAC", version, length, number of images), then per
image the facial information (20 bytes and 8 per feature point), the image information
(12 bytes) and the image. Its lengths are checked against each other before the image is
taken; a record whose headers do not hold together raises BadRecord, and DG2's parser
then looks for the image by its signature instead.
"""

from __future__ import annotations

import struct

from kiosk.documents.lds.face_image import FaceImage, ImageMime, sniff

FAC_MAGIC = b"FAC\x00"
FAC_VERSION = b"010\x00"
_RECORD_HEADER = struct.Struct(">4s4sIH")         # 14 bytes: magic, version, length, images
_FACIAL_INFO = struct.Struct(">IHBBB3sH3s3s")    # 20 bytes
_FEATURE_POINT_SIZE = 8
_IMAGE_INFO = struct.Struct(">BBHHBBHH")          # 12 bytes

IMAGE_DATA_JPEG = 0
IMAGE_DATA_JPEG2000 = 1
GENDER_CODES = {"": 0, "X": 0, "M": 1, "F": 2}


class BadRecord(Exception):
    """The 19794-5 record headers do not hold together (internal to dg2.parse_dg2)."""


def build_facial_record(
    image: bytes,
    width: int,
    height: int,
    mime: ImageMime = "image/jpeg",
    sex: str = "",
) -> bytes:
    """An ISO/IEC 19794-5:2005 facial record holding one frontal image, no feature points."""
    data_type = IMAGE_DATA_JPEG if mime == "image/jpeg" else IMAGE_DATA_JPEG2000
    image_info = _IMAGE_INFO.pack(
        1,          # face image type: full frontal
        data_type,
        width,
        height,
        1,          # colour space: 24-bit RGB
        2,          # source type: static photo from a digital still camera
        0,          # device type: unspecified
        0,          # quality: unspecified
    )
    data_length = _FACIAL_INFO.size + len(image_info) + len(image)
    facial_info = _FACIAL_INFO.pack(
        data_length,
        0,                          # feature points
        GENDER_CODES.get(sex, 3),   # 3: unknown
        0,                          # eye colour unspecified
        0,                          # hair colour unspecified
        b"\x00\x00\x00",            # feature mask
        0,                          # expression unspecified
        b"\x00\x00\x00",            # pose angles unspecified
        b"\x00\x00\x00",            # pose uncertainties
    )
    total = _RECORD_HEADER.size + data_length
    return _RECORD_HEADER.pack(FAC_MAGIC, FAC_VERSION, total, 1) + facial_info + image_info + image


def parse_facial_record(record: bytes) -> FaceImage:
    if len(record) < _RECORD_HEADER.size:
        raise BadRecord("shorter than its header")
    magic, version, total, count = _RECORD_HEADER.unpack_from(record, 0)
    if magic != FAC_MAGIC:
        raise BadRecord("no FAC header")
    if version != FAC_VERSION:
        raise BadRecord("unsupported version")
    if not _RECORD_HEADER.size < total <= len(record):
        raise BadRecord("record length disagrees with the block")
    if count < 1:
        raise BadRecord("no facial image")
    pos = _RECORD_HEADER.size
    if pos + _FACIAL_INFO.size > total:
        raise BadRecord("truncated facial information")
    data_length, points = _FACIAL_INFO.unpack_from(record, pos)[:2]
    end = pos + data_length
    if end > total:
        raise BadRecord("facial record data runs past the record")
    pos += _FACIAL_INFO.size + points * _FEATURE_POINT_SIZE
    if pos + _IMAGE_INFO.size > end:
        raise BadRecord("truncated image information")
    _, data_type, width, height = _IMAGE_INFO.unpack_from(record, pos)[:4]
    pos += _IMAGE_INFO.size
    image = record[pos:end]
    sniffed = sniff(image)
    if sniffed is None:
        raise BadRecord("image data has no JPEG or JPEG 2000 signature")
    declared = {IMAGE_DATA_JPEG: "image/jpeg", IMAGE_DATA_JPEG2000: "image/jp2"}.get(data_type)
    if declared != sniffed:
        raise BadRecord("declared image type disagrees with the data")
    return FaceImage(image, sniffed, width, height)
