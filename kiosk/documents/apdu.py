"""ISO/IEC 7816-4 command APDUs: the four cases, short and extended, as values.

Secure messaging must take a plain command apart (header, data, Le) and build a protected
one whose length fields may be extended even when the plain one was short, so both
directions live here as one small, strictly checked type. pyscard and nfcpy only move
bytes and offer nothing of the kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.documents.errors import MalformedDocument

MAX_SHORT_LC = 255
MAX_SHORT_LE = 256
MAX_EXTENDED_LC = 65535
MAX_EXTENDED_LE = 65536


class ApduError(MalformedDocument):
    """Bytes that do not form a command APDU (used by the emulator and the SM layer)."""


@dataclass(frozen=True)
class CommandApdu:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None         # expected response length, 1..65536; None when absent
    force_extended: bool = False  # encode with extended length fields even if short ones fit

    def __post_init__(self) -> None:
        for name in ("cla", "ins", "p1", "p2"):
            if not 0 <= getattr(self, name) <= 0xFF:
                raise ValueError(f"{name} must be one byte")
        if len(self.data) > MAX_EXTENDED_LC:
            raise ValueError("command data longer than an extended APDU can carry")
        if self.le is not None and not 1 <= self.le <= MAX_EXTENDED_LE:
            raise ValueError("Le must be 1..65536")

    @property
    def header(self) -> bytes:
        return bytes((self.cla, self.ins, self.p1, self.p2))

    @property
    def extended(self) -> bool:
        return (
            self.force_extended
            or len(self.data) > MAX_SHORT_LC
            or (self.le is not None and self.le > MAX_SHORT_LE)
        )

    def encode(self) -> bytes:
        out = bytearray(self.header)
        if not self.extended:
            if self.data:
                out.append(len(self.data))
                out += self.data
            if self.le is not None:
                out.append(self.le & 0xFF)  # 256 is coded 00
            return bytes(out)
        if self.data:
            out += b"\x00" + len(self.data).to_bytes(2, "big") + self.data
            if self.le is not None:
                out += (self.le & 0xFFFF).to_bytes(2, "big")  # 65536 is coded 0000
        elif self.le is not None:
            out += b"\x00" + (self.le & 0xFFFF).to_bytes(2, "big")
        return bytes(out)

    @classmethod
    def parse(cls, raw: bytes) -> CommandApdu:
        """The four cases of ISO 7816-4 5.1, short or extended; ApduError otherwise."""
        raw = bytes(raw)
        if len(raw) < 4:
            raise ApduError("APDU shorter than its header")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        if body[0] != 0 or len(body) < 3:
            lc = body[0]
            if lc == 0:
                raise ApduError("short Lc of zero")
            if len(body) == 1 + lc:
                return cls(cla, ins, p1, p2, body[1:])
            if len(body) == 2 + lc:
                return cls(cla, ins, p1, p2, body[1 : 1 + lc], body[-1] or 256)
            raise ApduError("short APDU length fields do not add up")
        # Extended: body starts with 00.
        if len(body) == 3:
            return cls(cla, ins, p1, p2, le=int.from_bytes(body[1:3], "big") or 65536, force_extended=True)
        lc = int.from_bytes(body[1:3], "big")
        if lc == 0:
            raise ApduError("extended Lc of zero")
        if len(body) == 3 + lc:
            return cls(cla, ins, p1, p2, body[3:], force_extended=True)
        if len(body) == 5 + lc:
            le = int.from_bytes(body[-2:], "big") or 65536
            return cls(cla, ins, p1, p2, body[3 : 3 + lc], le, force_extended=True)
        raise ApduError("extended APDU length fields do not add up")


def split_response(response: bytes) -> tuple[bytes, int]:
    """Response data and status word; MalformedDocument when there is no status word."""
    if len(response) < 2:
        raise MalformedDocument("chip answered without a status word")
    return bytes(response[:-2]), int.from_bytes(response[-2:], "big")

