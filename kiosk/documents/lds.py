"""ICAO 9303-10 Logical Data Structure files: build them (demo cards, tests), parse them.

Only bytes in, values out: no APDUs here (that is `reader.py`), no MRZ rules (that is
`kiosk.domain.mrz`). Parsers raise MalformedDocument (TlvError is one) on anything they
cannot vouch for, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from kiosk.documents import tlv
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.tlv import Tlv, TlvError

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

# Tags inside the files.
TAG_LDS_VERSION = 0x5F01
TAG_UNICODE_VERSION = 0x5F36
TAG_TAG_LIST = 0x5C
TAG_MRZ = 0x5F1F
TAG_BIOMETRIC_GROUP = 0x7F61
TAG_BIOMETRIC_COUNT = 0x02
TAG_BIOMETRIC_TEMPLATE = 0x7F60
TAG_BIOMETRIC_HEADER = 0xA1
TAG_BIOMETRIC_DATA = 0x5F2E
TAG_BIOMETRIC_DATA_ENCIPHERED = 0x7F2E
TAG_FULL_NAME = 0x5F0E
TAG_PERSONAL_NUMBER = 0x5F10
TAG_FULL_DATE_OF_BIRTH = 0x5F2B
TAG_PLACE_OF_BIRTH = 0x5F11


def _root(data: bytes, group: DataGroup) -> Tlv:
    root = tlv.decode(data)
    if root.tag != group.tag:
        raise MalformedDocument(f"{group.name} starts with tag {root.tag:X}, expected {group.tag:X}")
    return root




def _encode_tag_list(tags: list[int] | tuple[int, ...]) -> bytes:
    return tlv.encode(TAG_TAG_LIST, b"".join(tlv.encode_tag(t) for t in tags))


def _text(value: bytes, what: str) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedDocument(f"{what} is not UTF-8 text") from None


# -- EF.COM -----------------------------------------------------------------------------


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
    root = _root(data, DataGroup.COM)
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


# -- DG1: the MRZ -------------------------------------------------------------------------

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
    value = _root(data, DataGroup.DG1).require(TAG_MRZ).value
    if len(value) not in _MRZ_WIDTH:
        raise MalformedDocument(f"DG1 MRZ of {len(value)} characters (TD1 has 90, TD3 88)")
    if not set(value) <= _MRZ_CHARS:
        raise MalformedDocument("DG1 MRZ holds characters an MRZ cannot")
    return Dg1(value.decode("ascii"))


# -- DG2: the face ------------------------------------------------------------------------

ImageMime = Literal["image/jpeg", "image/jp2"]

JPEG_SOI = b"\xff\xd8\xff"
JP2_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"   # JPEG 2000 file format (ISO 15444-1)
J2K_CODESTREAM = b"\xff\x4f\xff\x51"              # bare JPEG 2000 codestream: SOC + SIZ

FAC_MAGIC = b"FAC\x00"
FAC_VERSION = b"010\x00"
_RECORD_HEADER = struct.Struct(">4s4sIH")         # 14 bytes: magic, version, length, images
_FACIAL_INFO = struct.Struct(">IHBBB3sH3s3s")    # 20 bytes
_FEATURE_POINT_SIZE = 8
_IMAGE_INFO = struct.Struct(">BBHHBBHH")          # 12 bytes

IMAGE_DATA_JPEG = 0
IMAGE_DATA_JPEG2000 = 1
GENDER_CODES = {"": 0, "X": 0, "M": 1, "F": 2}


@dataclass(frozen=True)
class FaceImage:
    data: bytes = field(repr=False)
    mime: ImageMime
    width: int                # as the record header states; 0 when unknown
    height: int
    warning: str = ""         # set when the 19794-5 headers were unusable (see parse_dg2)


class _BadRecord(Exception):
    """The 19794-5 record headers do not hold together (internal to parse_dg2)."""


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


def parse_dg2(data: bytes) -> FaceImage:
    """The first face image of DG2.

    The TLV structure must be right (it is what the chip's signature covers). Inside the
    biometric data block, the 19794-5 headers are parsed; when they are malformed (some
    issuers' are), the image is located by its JPEG / JPEG 2000 signature instead and
    `warning` says so, so a technician can spot such a card series in the logs.
    """
    group = _root(data, DataGroup.DG2).require(TAG_BIOMETRIC_GROUP)
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
        face = _parse_39794(block.value)
        if face is not None:
            return face
    try:
        return _parse_facial_record(block.value)
    except _BadRecord as exc:
        return _locate_image(block.value, f"19794-5 record unusable ({exc}); image found by signature")


# ISO/IEC 39794-5 (the extensible, ASN.1 DER successor of 19794-5 that ICAO 9303 allows
# in DG2): FaceImageDataBlock ::= [APPLICATION 5] { versionBlock [0], representationBlocks
# [1] SEQUENCE OF { representationId [0], imageRepresentation [1] { base [0] { 2D block [0]
# { representationData2D [0] OCTET STRING, imageInformation2DBlock [1] {..., imageSizeBlock
# [7] { width [0], height [1] } } } } } } }. Parsed structurally: the image is the first
# primitive element whose content is a JPEG or JPEG 2000 image; width and height come from
# the image size block when present, else from the image header.
TAG_39794_FACE_BLOCK = 0x65
_MAX_39794_DEPTH = 10


def _parse_39794(block: bytes) -> FaceImage | None:
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
            if not images and _sniff(node.value) is not None:
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
    mime = _sniff(images[0])
    assert mime is not None
    width, height = sizes[0] if sizes else _probe_size(images[0])
    return FaceImage(images[0], mime, width, height)


def build_dg2_39794(image: bytes, width: int, height: int, mime: ImageMime = "image/jpeg") -> bytes:
    """A DG2 whose biometric data block is an ISO/IEC 39794-5 face image data block."""
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
    face_block = tlv.encode_constructed(
        TAG_39794_FACE_BLOCK, version, tlv.encode_constructed(0xA1, representation)
    )
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


def check_face(face: FaceImage) -> None:
    """MalformedDocument unless the portrait's own header states a chip-sized JPEG or
    JPEG 2000 image.

    Called before anything decodes the portrait: a decoder allocates what the header
    states, and a 1 KB image can state 20000 x 20000 pixels (6 GB for OpenJPEG). The
    size the 19794-5 record states is not trusted for this; the image's header is what
    the decoder will believe.
    """
    from hardware.images import CHIP_PORTRAIT, ImageRefused, read_header

    try:
        read_header(face.data, CHIP_PORTRAIT)
    except ImageRefused as exc:
        raise MalformedDocument(f"DG2 portrait unusable: {exc}") from None


def decode_face(face: FaceImage):
    """The portrait as a Pillow RGB image (JPEG or JPEG 2000); MalformedDocument otherwise,
    also when its header states more pixels than a chip portrait has (see `check_face`)."""
    from hardware.images import CHIP_PORTRAIT, ImageRefused, decode

    try:
        return decode(face.data, CHIP_PORTRAIT)
    except ImageRefused as exc:
        raise MalformedDocument(f"DG2 portrait unusable: {exc}") from None


def _parse_facial_record(record: bytes) -> FaceImage:
    if len(record) < _RECORD_HEADER.size:
        raise _BadRecord("shorter than its header")
    magic, version, total, count = _RECORD_HEADER.unpack_from(record, 0)
    if magic != FAC_MAGIC:
        raise _BadRecord("no FAC header")
    if version != FAC_VERSION:
        raise _BadRecord("unsupported version")
    if not _RECORD_HEADER.size < total <= len(record):
        raise _BadRecord("record length disagrees with the block")
    if count < 1:
        raise _BadRecord("no facial image")
    pos = _RECORD_HEADER.size
    if pos + _FACIAL_INFO.size > total:
        raise _BadRecord("truncated facial information")
    data_length, points = _FACIAL_INFO.unpack_from(record, pos)[:2]
    end = pos + data_length
    if end > total:
        raise _BadRecord("facial record data runs past the record")
    pos += _FACIAL_INFO.size + points * _FEATURE_POINT_SIZE
    if pos + _IMAGE_INFO.size > end:
        raise _BadRecord("truncated image information")
    _, data_type, width, height = _IMAGE_INFO.unpack_from(record, pos)[:4]
    pos += _IMAGE_INFO.size
    image = record[pos:end]
    sniffed = _sniff(image)
    if sniffed is None:
        raise _BadRecord("image data has no JPEG or JPEG 2000 signature")
    declared = {IMAGE_DATA_JPEG: "image/jpeg", IMAGE_DATA_JPEG2000: "image/jp2"}.get(data_type)
    if declared != sniffed:
        raise _BadRecord("declared image type disagrees with the data")
    return FaceImage(image, sniffed, width, height)


def _sniff(image: bytes) -> ImageMime | None:
    if image.startswith(JPEG_SOI):
        return "image/jpeg"
    if image.startswith(JP2_SIGNATURE) or image.startswith(J2K_CODESTREAM):
        return "image/jp2"
    return None


def _locate_image(block: bytes, warning: str) -> FaceImage:
    candidates = [(block.find(sig), sig) for sig in (JPEG_SOI, JP2_SIGNATURE, J2K_CODESTREAM)]
    found = [(pos, sig) for pos, sig in candidates if pos >= 0]
    if not found:
        raise MalformedDocument("DG2 biometric data block holds no JPEG or JPEG 2000 image")
    pos, sig = min(found)
    image = block[pos:]
    mime: ImageMime = "image/jpeg" if sig == JPEG_SOI else "image/jp2"
    width, height = _probe_size(image)
    return FaceImage(image, mime, width, height, warning)


def _probe_size(image: bytes) -> tuple[int, int]:
    """Width and height from the image's own header; (0, 0) when it is unusable, which
    `check_face` then reports."""
    from hardware.images import CHIP_PORTRAIT, ImageRefused, read_header

    try:
        header = read_header(image, CHIP_PORTRAIT)
    except ImageRefused:
        return 0, 0
    return header.width, header.height


# -- DG11: additional personal details ------------------------------------------------------


@dataclass(frozen=True)
class Dg11:
    full_name: str = ""               # as stored: ICAO 'SURNAME<<GIVEN' or national script
    personal_number: str = ""
    full_date_of_birth: dt.date | None = None
    full_date_of_birth_text: str = ""  # YYYYMMDD as stored, also when partial ('19840000')
    place_of_birth: str = ""
    other: dict[int, bytes] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:  # personal data stays out of logs and tracebacks
        return f"Dg11(fields={sorted(self.present_tags())})"

    def present_tags(self) -> set[int]:
        present = {tag for tag, value in (
            (TAG_FULL_NAME, self.full_name),
            (TAG_PERSONAL_NUMBER, self.personal_number),
            (TAG_FULL_DATE_OF_BIRTH, self.full_date_of_birth_text),
            (TAG_PLACE_OF_BIRTH, self.place_of_birth),
        ) if value}
        return present | set(self.other)

    @property
    def full_name_text(self) -> str:
        """The full name with MRZ-style fillers turned into spaces."""
        return " ".join(self.full_name.replace("<", " ").split())


def build_dg11(
    full_name: str = "",
    personal_number: str = "",
    full_date_of_birth: dt.date | None = None,
    place_of_birth: str = "",
) -> bytes:
    fields: list[tuple[int, bytes]] = []
    if full_name:
        fields.append((TAG_FULL_NAME, full_name.encode("utf-8")))
    if personal_number:
        fields.append((TAG_PERSONAL_NUMBER, personal_number.encode("utf-8")))
    if full_date_of_birth is not None:
        fields.append((TAG_FULL_DATE_OF_BIRTH, f"{full_date_of_birth:%Y%m%d}".encode("ascii")))
    if place_of_birth:
        fields.append((TAG_PLACE_OF_BIRTH, place_of_birth.encode("utf-8")))
    return tlv.encode_constructed(
        DataGroup.DG11.tag,
        _encode_tag_list([tag for tag, _ in fields]),
        *(tlv.encode(tag, value) for tag, value in fields),
    )


def parse_dg11(data: bytes) -> Dg11:
    values: dict[int, bytes] = {}
    for child in _root(data, DataGroup.DG11).children():
        if child.tag == TAG_TAG_LIST:
            tlv.split_tags(child.value)  # validated; the elements themselves are authoritative
            continue
        values.setdefault(child.tag, child.value)
    dob_text, dob = _full_date(values.pop(TAG_FULL_DATE_OF_BIRTH, b""))
    return Dg11(
        full_name=_text(values.pop(TAG_FULL_NAME, b""), "DG11 full name"),
        personal_number=_text(values.pop(TAG_PERSONAL_NUMBER, b""), "DG11 personal number").strip("<"),
        full_date_of_birth=dob,
        full_date_of_birth_text=dob_text,
        place_of_birth=_text(values.pop(TAG_PLACE_OF_BIRTH, b""), "DG11 place of birth"),
        other=values,
    )


def _full_date(value: bytes) -> tuple[str, dt.date | None]:
    """YYYYMMDD as 8 ASCII digits, or as 4 BCD bytes (both occur in issued documents)."""
    if not value:
        return "", None
    if len(value) == 4:
        text = value.hex()
    elif len(value) == 8 and value.isascii():
        text = value.decode("ascii")
    else:
        raise MalformedDocument("DG11 date of birth is neither YYYYMMDD nor 4 BCD bytes")
    if not text.isdigit():
        raise MalformedDocument("DG11 date of birth is not numeric")
    try:
        return text, dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return text, None  # partial dates ('19840000') are legal: month or day unknown
