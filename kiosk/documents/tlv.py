"""BER-TLV as ICAO 9303 and ISO 7816-4 use it: strict decoding, plain encoding.

Hand-written rather than on top of `asn1crypto.parser` (which the EF.SOD code does use),
after trying it. Its parser does accept multi-byte application tags (5F1F, 7F61), but:
  * it needs the whole value in memory, while the chip reader must learn a file's length
    from its first few bytes (`peek_length`) before reading the rest;
  * it accepts what the LDS forbids (indefinite lengths, any number of length bytes),
    so each result would need re-checking;
  * ICAO names tags by their raw bytes (0x5F1F); asn1crypto splits them into class and
    number, which every caller would have to translate back.
The strict decoder below is short enough to audit in one screen; the tests check it
against asn1crypto on well-formed input and fuzz it on malformed input.

Every malformed input raises TlvError: never IndexError, and never an allocation
larger than the input (a length field longer than the remaining bytes is an error).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from kiosk.documents.errors import MalformedDocument

MAX_TAG_BYTES = 3      # ICAO LDS tags have at most 2; 3 leaves room for ISO 7816 ones
MAX_LENGTH_BYTES = 4   # lengths 0x81..0x84: up to 4 GiB, far beyond any chip file


class TlvError(MalformedDocument):
    """Bytes that are not a well-formed BER-TLV."""


@dataclass(frozen=True)
class Tlv:
    """One decoded element; `tag` is its raw tag bytes as an integer (e.g. 0x5F1F)."""

    tag: int
    value: bytes

    @property
    def constructed(self) -> bool:
        return bool(_first_tag_byte(self.tag) & 0x20)

    def children(self) -> list[Tlv]:
        """The elements inside a constructed value, in order."""
        if not self.constructed:
            raise TlvError(f"tag {self.tag:X} is primitive and has no children")
        return decode_all(self.value)

    def find(self, tag: int) -> Tlv | None:
        """The first child with `tag`, or None."""
        return next((c for c in self.children() if c.tag == tag), None)

    def require(self, tag: int) -> Tlv:
        found = self.find(tag)
        if found is None:
            raise TlvError(f"tag {tag:X} missing inside {self.tag:X}")
        return found

    def encode(self) -> bytes:
        return encode(self.tag, self.value)


@dataclass(frozen=True)
class Header:
    tag: int
    header_length: int   # tag bytes + length bytes
    value_length: int

    @property
    def total_length(self) -> int:
        return self.header_length + self.value_length


def _first_tag_byte(tag: int) -> int:
    return tag >> (8 * ((max(tag.bit_length(), 1) - 1) // 8))


def _header(data: bytes, offset: int) -> Header | None:
    """Decode the header at `offset`; None when `data` ends inside it."""
    end = len(data)
    pos = offset
    if pos >= end:
        return None
    first = data[pos]
    pos += 1
    if first in (0x00, 0xFF):
        # ISO 7816-4 uses these as padding between elements, never as tags.
        raise TlvError(f"invalid tag byte {first:02X}")
    tag = first
    if first & 0x1F == 0x1F:  # tag number continues in the following bytes
        while True:
            if pos >= end:
                return None
            b = data[pos]
            pos += 1
            if pos - offset == 2 and b == 0x80:
                raise TlvError("non-minimal tag encoding")
            tag = (tag << 8) | b
            if not b & 0x80:
                break
            if pos - offset >= MAX_TAG_BYTES:
                raise TlvError(f"tag longer than {MAX_TAG_BYTES} bytes")
    if pos >= end:
        return None
    first_len = data[pos]
    pos += 1
    if first_len < 0x80:
        length = first_len
    elif first_len == 0x80:
        raise TlvError("indefinite length is not allowed")
    else:
        count = first_len & 0x7F
        if count > MAX_LENGTH_BYTES:
            raise TlvError(f"length field of {count} bytes (at most {MAX_LENGTH_BYTES})")
        if pos + count > end:
            return None
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    return Header(tag, pos - offset, length)


def split_tags(data: bytes) -> tuple[int, ...]:
    """Consecutive tags with no lengths or values, as in a tag list (tag 5C)."""
    data = bytes(data)
    tags: list[int] = []
    pos = 0
    while pos < len(data):
        # A dummy length byte lets the header decoder read one bare tag.
        header = _header(data[pos : pos + MAX_TAG_BYTES] + b"\x00", 0)
        if header is None:
            raise TlvError("tag list ends inside a tag")
        tags.append(header.tag)
        pos += header.header_length - 1
    return tuple(tags)


def peek_length(prefix: bytes) -> int | None:
    """Total length (header + value) of the TLV that `prefix` starts; None if too short to tell."""
    header = _header(bytes(prefix), 0)
    return None if header is None else header.total_length


def decode_one(data: bytes, offset: int = 0) -> tuple[Tlv, int]:
    """The element at `offset` and the offset just after it."""
    if not 0 <= offset <= len(data):
        raise TlvError("offset outside the data")
    header = _header(data, offset)
    if header is None:
        raise TlvError("data ends inside a TLV header")
    start = offset + header.header_length
    stop = start + header.value_length
    if stop > len(data):
        raise TlvError(f"tag {header.tag:X} claims {header.value_length} bytes, {len(data) - start} remain")
    return Tlv(header.tag, bytes(data[start:stop])), stop


def decode(data: bytes) -> Tlv:
    """Exactly one element filling all of `data`."""
    data = bytes(data)
    element, end = decode_one(data)
    if end != len(data):
        raise TlvError(f"{len(data) - end} bytes after the element")
    return element


def iter_decode(data: bytes) -> Iterator[Tlv]:
    data = bytes(data)
    offset = 0
    while offset < len(data):
        element, offset = decode_one(data, offset)
        yield element


def decode_all(data: bytes) -> list[Tlv]:
    """All consecutive elements filling `data` (empty data gives an empty list)."""
    return list(iter_decode(data))


# -- encoding ---------------------------------------------------------------------------


def encode_tag(tag: int) -> bytes:
    if tag <= 0:
        raise ValueError("tag must be positive")
    raw = tag.to_bytes((tag.bit_length() + 7) // 8, "big")
    if len(raw) > MAX_TAG_BYTES:
        raise ValueError(f"tag {tag:X} is longer than {MAX_TAG_BYTES} bytes")
    try:
        header = _header(raw + b"\x00", 0)  # self-check: the bytes must form exactly one tag
    except TlvError as exc:
        raise ValueError(f"{tag:X} is not a valid BER tag: {exc}") from None
    if header is None or header.header_length != len(raw) + 1 or header.tag != tag:
        raise ValueError(f"{tag:X} is not a valid BER tag")
    return raw


def encode_length(length: int) -> bytes:
    if length < 0:
        raise ValueError("length must be >= 0")
    if length < 0x80:
        return bytes([length])
    raw = length.to_bytes((length.bit_length() + 7) // 8, "big")
    if len(raw) > MAX_LENGTH_BYTES:
        raise ValueError("value too long for a BER-TLV length field")
    return bytes([0x80 | len(raw)]) + raw


def encode(tag: int, value: bytes) -> bytes:
    return encode_tag(tag) + encode_length(len(value)) + bytes(value)


def encode_constructed(tag: int, *children: bytes) -> bytes:
    """A constructed element whose value is the already-encoded `children`."""
    if not _first_tag_byte(tag) & 0x20:
        raise ValueError(f"tag {tag:X} is not a constructed tag")
    return encode(tag, b"".join(children))
