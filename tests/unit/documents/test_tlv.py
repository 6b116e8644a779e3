"""BER-TLV: round trips, agreement with asn1crypto, and no exception but TlvError on bad input."""

from __future__ import annotations

import asn1crypto.parser
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.documents import tlv
from kiosk.documents.errors import DocumentError, MalformedDocument
from kiosk.documents.tlv import Tlv, TlvError

# -- strategies ---------------------------------------------------------------------------


@st.composite
def tags(draw) -> int:
    """Any tag of 1-3 bytes this codec accepts (including ICAO's 5F01-style ones)."""
    first = draw(st.integers(0x01, 0xFE).filter(lambda b: b != 0x00))
    if first & 0x1F != 0x1F:
        return first
    if draw(st.booleans()):
        second = draw(st.integers(0x00, 0x7F))
        return (first << 8) | second
    second = draw(st.integers(0x81, 0xFF))
    third = draw(st.integers(0x00, 0x7F))
    return (first << 16) | (second << 8) | third


values = st.binary(max_size=600)


# -- examples -----------------------------------------------------------------------------


def test_icao_two_byte_tag():
    element = tlv.decode(bytes.fromhex("5F1F03414243"))
    assert element == Tlv(0x5F1F, b"ABC")
    assert not element.constructed


def test_icao_short_tag_number_in_long_form_is_accepted():
    # 5F01 (LDS version) encodes tag number 1 in long form: DER calls that non-minimal,
    # ICAO uses it anyway (asn1crypto refuses it; one reason this codec is hand-written).
    assert tlv.decode(bytes.fromhex("5F01020107")).tag == 0x5F01
    with pytest.raises(ValueError):
        asn1crypto.parser.parse(bytes.fromhex("5F01020107"))


def test_constructed_children():
    data = bytes.fromhex("7F61 09 020101 7F60 03 A10100".replace(" ", ""))
    root = tlv.decode(data)
    assert root.constructed
    assert [c.tag for c in root.children()] == [0x02, 0x7F60]
    assert root.require(0x7F60).require(0xA1).value == b"\x00"
    assert root.find(0x5F2E) is None
    with pytest.raises(TlvError):
        root.require(0x5F2E)


def test_primitive_has_no_children():
    with pytest.raises(TlvError):
        tlv.decode(b"\x04\x02\x30\x00").children()


@pytest.mark.parametrize(
    ("encoded_length", "length"),
    [("05", 5), ("7F", 127), ("8180", 128), ("820100", 256), ("83000101", 257), ("8400000102", 258)],
)
def test_length_forms(encoded_length, length):
    data = b"\x04" + bytes.fromhex(encoded_length) + b"x" * length
    assert tlv.decode(data).value == b"x" * length
    assert tlv.peek_length(data[:6]) == len(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",                                 # nothing
        b"\x04",                             # no length
        b"\x04\x05abc",                      # value shorter than its length
        b"\x04\x80abc\x00\x00",             # indefinite length
        b"\x04\x85\x00\x00\x00\x00\x01x",   # 5 length bytes
        b"\x04\x82\x01",                     # length field cut short
        b"\x5F",                             # tag cut short
        b"\x5F\x80\x01\x00",                # non-minimal tag continuation
        b"\x5F\x81\x81\x01\x00",            # 4-byte tag
        b"\x00\x00",                         # padding byte is not a tag
        b"\xFF\x00",
        b"\x04\x84\xFF\xFF\xFF\xFF",        # 4 GiB claimed: an error, not an allocation
        b"\x04\x01ab",                       # trailing byte
    ],
)
def test_malformed_input_raises_tlv_error(data):
    with pytest.raises(TlvError):
        tlv.decode(data)


def test_tlv_error_is_a_document_error():
    assert issubclass(TlvError, MalformedDocument)
    assert issubclass(TlvError, DocumentError)


def test_peek_length_needs_the_whole_header():
    assert tlv.peek_length(b"") is None
    assert tlv.peek_length(b"\x75") is None
    assert tlv.peek_length(b"\x75\x82\x01") is None
    assert tlv.peek_length(b"\x75\x82\x01\x00") == 4 + 256
    assert tlv.peek_length(b"\x61\x5B") == 2 + 0x5B
    with pytest.raises(TlvError):
        tlv.peek_length(b"\x75\x80")


def test_split_tags():
    assert tlv.split_tags(bytes.fromhex("5F0E5F105F2B61")) == (0x5F0E, 0x5F10, 0x5F2B, 0x61)
    with pytest.raises(TlvError):
        tlv.split_tags(b"\x5F")


def test_encode_long_values():
    value = b"v" * 300
    assert tlv.encode(0x5F2E, value)[:5] == bytes.fromhex("5F2E82012C")


@pytest.mark.parametrize("bad_tag", [0, 0x5F, 0x5F81, 0x1F8181FF, 0x5F8001])
def test_encode_rejects_invalid_tags(bad_tag):
    with pytest.raises(ValueError):
        tlv.encode_tag(bad_tag)


def test_encode_constructed_needs_a_constructed_tag():
    with pytest.raises(ValueError):
        tlv.encode_constructed(0x5F1F, b"")


# -- properties ---------------------------------------------------------------------------


@given(tag=tags(), value=values)
def test_round_trip(tag, value):
    encoded = tlv.encode(tag, value)
    assert tlv.decode(encoded) == Tlv(tag, value)
    assert tlv.peek_length(encoded[:8]) == len(encoded)


@given(items=st.lists(st.tuples(tags(), st.binary(max_size=40)), max_size=8))
def test_concatenation_round_trip(items):
    data = b"".join(tlv.encode(t, v) for t, v in items)
    assert tlv.decode_all(data) == [Tlv(t, v) for t, v in items]


@given(
    cls=st.integers(0, 3),
    constructed=st.integers(0, 1),
    number=st.integers(0, 16383),
    value=values,
)
def test_agrees_with_asn1crypto_on_der(cls, constructed, number, value):
    """Every DER element asn1crypto writes (with a tag of at most 3 bytes) decodes the same here.

    Except those whose first byte is 00 or FF, which ISO 7816-4 reserves for padding.
    """
    first = (cls << 6) | (constructed << 5) | min(number, 31)
    assume(first not in (0x00, 0xFF))
    encoded = asn1crypto.parser.emit(cls, constructed, number, value)
    parsed_cls, parsed_method, parsed_number, header, contents, _ = asn1crypto.parser.parse(encoded)
    ours = tlv.decode(encoded)
    assert ours.value == contents == value
    tag_bytes = header[: len(header) - len(tlv.encode_length(len(value)))]
    assert ours.tag == int.from_bytes(tag_bytes, "big")
    assert ours.constructed == bool(parsed_method)
    assert tlv.encode(ours.tag, ours.value) == encoded


@settings(max_examples=500)
@given(data=st.binary(max_size=64))
def test_random_bytes_raise_only_tlv_error(data):
    for action in (tlv.decode, tlv.decode_all, tlv.peek_length, tlv.split_tags, _walk):
        try:
            action(data)
        except TlvError:
            pass


@settings(max_examples=300)
@given(
    tag=tags(),
    value=st.binary(max_size=80),
    position=st.integers(0, 200),
    replacement=st.binary(min_size=1, max_size=4),
    cut=st.integers(0, 200),
)
def test_mutated_elements_raise_only_tlv_error(tag, value, position, replacement, cut):
    encoded = bytearray(tlv.encode(0x7F61, tlv.encode(tag, value) + tlv.encode(0x02, b"\x01")))
    position %= len(encoded)
    encoded[position : position + len(replacement)] = replacement
    for data in (bytes(encoded), bytes(encoded[: cut % (len(encoded) + 1)])):
        try:
            _walk(data)
        except TlvError:
            pass


def _walk(data: bytes, depth: int = 0) -> None:
    """Decode everything, recursing into constructed elements."""
    for element in tlv.decode_all(data):
        if element.constructed and depth < 8:
            _walk(element.value, depth + 1)
