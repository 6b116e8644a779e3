"""Does the chip take extended-length APDUs? What it says about itself, before any probe.

Two places can say so (ISO/IEC 7816-4 12.1.1 and 12.7): the card-capabilities data
object in the ATR's historical bytes (compact-TLV tag 7, third byte bit 7: "extended Lc
and Le fields"), and EF.ATR/INFO (file 2F01 in the master file, which ICAO 9303-10 lets
an eMRTD carry), whose DO'7F66' states the largest command and response it accepts.
Probing with an extended APDU instead would be unsafe under secure messaging: a chip
that rejects it may end the session.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.documents import tlv
from kiosk.documents.tlv import TlvError

TAG_EXTENDED_LENGTH_INFO = 0x7F66
TAG_CARD_CAPABILITIES = 0x47
EXTENDED_LC_LE = 0x40


@dataclass(frozen=True)
class ChipCapabilities:
    extended_length: bool
    max_command: int | None = None    # bytes, as the chip states; None when unstated
    max_response: int | None = None
    source: str = ""                  # "ATR", "EF.ATR/INFO" or "" (nothing known)


UNKNOWN = ChipCapabilities(False)


def historical_bytes(atr: bytes) -> bytes:
    """The historical bytes of an ATR (ISO/IEC 7816-3 8.2); b'' when it is malformed."""
    atr = bytes(atr)
    if len(atr) < 2 or atr[0] not in (0x3B, 0x3F):
        return b""
    count = atr[1] & 0x0F
    pos, y = 2, atr[1] >> 4
    while True:
        pos += bin(y).count("1")
        if not y & 0x8:
            break
        if pos - 1 >= len(atr):
            return b""
        y = atr[pos - 1] >> 4  # TDi: which interface bytes follow
    if pos + count > len(atr):
        return b""
    return atr[pos : pos + count]


def from_atr(atr: bytes) -> ChipCapabilities | None:
    """Card capabilities from compact-TLV historical bytes (category indicator 80)."""
    hist = historical_bytes(atr)
    if not hist or hist[0] != 0x80:
        return None
    pos = 1
    while pos < len(hist):
        tag, length = hist[pos] >> 4, hist[pos] & 0x0F
        value = hist[pos + 1 : pos + 1 + length]
        if len(value) != length:
            return None
        if tag == 0x7 and length >= 3:
            return ChipCapabilities(bool(value[2] & EXTENDED_LC_LE), source="ATR")
        pos += 1 + length
    return None


def from_atr_info(data: bytes) -> ChipCapabilities | None:
    """Extended-length information from EF.ATR/INFO's BER-TLV data objects."""
    data = bytes(data)
    objects = []
    pos = 0
    try:
        while pos < len(data) and data[pos] not in (0x00, 0xFF):  # 00/FF: padding up to the end
            element, pos = tlv.decode_one(data, pos)
            objects.append(element)
    except TlvError:
        return None
    for obj in objects:
        if obj.tag == TAG_EXTENDED_LENGTH_INFO:
            try:
                values = [int.from_bytes(c.value, "big") for c in obj.children() if c.tag == 0x02]
            except TlvError:
                return None
            if len(values) >= 2 and values[0] > 0 and values[1] > 0:
                return ChipCapabilities(True, values[0], values[1], "EF.ATR/INFO")
    for obj in objects:
        if obj.tag == TAG_CARD_CAPABILITIES and len(obj.value) >= 3:
            return ChipCapabilities(bool(obj.value[2] & EXTENDED_LC_LE), source="EF.ATR/INFO")
    return None


def build_atr_info(max_command: int, max_response: int) -> bytes:
    """EF.ATR/INFO content stating extended-length support (for the test emulator)."""
    return tlv.encode_constructed(
        TAG_EXTENDED_LENGTH_INFO,
        tlv.encode(0x02, _der_unsigned(max_command)),
        tlv.encode(0x02, _der_unsigned(max_response)),
    )


def _der_unsigned(value: int) -> bytes:
    return value.to_bytes(value.bit_length() // 8 + 1, "big")
