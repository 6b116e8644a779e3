"""Reading elementary files from the chip (JMRTD's DefaultFileSystem role).

Strategy, chosen to need the fewest APDUs a chip allows:
  * the first READ BINARY of a file asks for a whole block and addresses the file by its
    short EF identifier (P1 = 80 | SFI), which selects and reads in one APDU; the file's
    length is learnt from the TLV header in that first answer. A chip that refuses SFI
    addressing gets SELECT by file id from then on;
  * blocks are 223 bytes by default (0xDF: one protected short APDU can carry it under
    3DES and AES secure messaging) or, when the chip states it takes extended length,
    as large as its stated maximum response allows;
  * offsets beyond 32 767 use READ BINARY with odd INS B1 (offset in DO'54', data in
    DO'53'), which P1-P2 cannot address;
  * a file may be resumed from the bytes already read after the card was pulled.
Every length the chip claims is bounded (MAX_FILE_SIZE) before anything is allocated.
The eMRTD application is selected here too, as files are: what a status word means for
a file (absent, locked, refused) is this module's to say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from kiosk.documents import tlv
from kiosk.documents.channel import ChipChannel
from kiosk.documents.errors import AccessKeyRequired, ChipError, MalformedDocument, UnsupportedCard
from kiosk.documents.lds import DataGroup
from kiosk.documents.status_words import (
    SW_CLA_NOT_SUPPORTED,
    SW_COMMAND_INCOMPATIBLE,
    SW_FILE_NOT_FOUND,
    SW_FUNCTION_NOT_SUPPORTED,
    SW_INCORRECT_P1P2,
    SW_INS_NOT_SUPPORTED,
    SW_LC_INCONSISTENT_WITH_P1P2,
    SW_NO_ERROR,
    SW_RECORD_NOT_FOUND,
    SW_SECURITY_STATUS_NOT_SATISFIED,
    SW_WRONG_LENGTH,
    SW_WRONG_P1P2,
    read_ok,
    right_le,
)

SHORT_BLOCK = 0xDF              # 223 bytes
HEADER_PROBE = 8                # enough for any tag and length the LDS uses (JMRTD reads 8)
MAX_B0_OFFSET = 0x7FFF
MAX_FILE_SIZE = 512 * 1024      # far above any LDS file read here (DG2 is ~15-40 KB)

NO_SUCH_FILE = (SW_FILE_NOT_FOUND, SW_RECORD_NOT_FOUND)
# Answers that mean "I do not take this form of command" rather than "no such file".
SW_FORM_REFUSED = frozenset({SW_INCORRECT_P1P2, SW_FUNCTION_NOT_SUPPORTED, SW_INS_NOT_SUPPORTED,
                             SW_CLA_NOT_SUPPORTED, SW_COMMAND_INCOMPATIBLE, SW_LC_INCONSISTENT_WITH_P1P2,
                             SW_WRONG_P1P2, SW_WRONG_LENGTH})
# A chip that answers READ BINARY B1 so has no such instruction.
SW_NO_ODD_READ = (SW_INS_NOT_SUPPORTED, SW_CLA_NOT_SUPPORTED, SW_FUNCTION_NOT_SUPPORTED)

EMRTD_AID = bytes.fromhex("A0000002471001")

# Short EF identifiers (ICAO 9303-10 Table 39 and EF.CardAccess, EF.ATR/INFO in the MF).
SFI = {fid: fid & 0x1F for fid in (g.fid for g in DataGroup)}
FID_CARD_ACCESS = 0x011C
FID_ATR_INFO = 0x2F01
SFI.update({FID_CARD_ACCESS: 0x1C, FID_ATR_INFO: 0x01})

Progress = Callable[[int, int], None]


class FileNotFound(Exception):
    """The chip has no such file (6A82); internal: callers decide what that means."""


@dataclass
class PartialRead:
    """What a read had when the card left: kept to resume once the card is back."""

    files: dict[DataGroup, bytes] = field(default_factory=dict)
    current: DataGroup | None = None
    current_bytes: bytes = b""
    context: dict = field(default_factory=dict)   # detection results reused on resume

    def __repr__(self) -> str:  # personal data stays out of logs
        return f"PartialRead(files={[g.name for g in self.files]}, current={self.current and self.current.name})"


@dataclass
class ReadPolicy:
    block: int = SHORT_BLOCK       # plain bytes per READ BINARY
    use_sfi: bool = True
    odd_overhead: int = 4          # DO'53' header inside a B1 answer


class FileReader:
    def __init__(self, channel: ChipChannel, policy: ReadPolicy | None = None) -> None:
        self.channel = channel
        self.policy = policy or ReadPolicy()
        self.current: DataGroup | None = None
        self.partial = b""

    # -- commands -----------------------------------------------------------------------

    def select_application(self, aid: bytes = EMRTD_AID) -> None:
        _, sw = self.channel.send(b"\x00\xA4\x04\x0C" + bytes([len(aid)]) + aid)
        if sw == SW_NO_ERROR:
            return
        if sw == SW_SECURITY_STATUS_NOT_SATISFIED:
            raise AccessKeyRequired("the chip requires BAC or PACE before selecting the application")
        raise UnsupportedCard(f"no eMRTD application on this card (SW {sw:04X})")

    def select(self, fid: int) -> None:
        _, sw = self.channel.send(b"\x00\xA4\x02\x0C\x02" + fid.to_bytes(2, "big"))
        if sw == SW_NO_ERROR:
            return
        if sw in NO_SUCH_FILE:
            raise FileNotFound()
        if sw == SW_SECURITY_STATUS_NOT_SATISFIED:
            raise AccessKeyRequired("the chip requires BAC or PACE to select files")
        raise ChipError(f"SELECT of file {fid:04X} refused", sw)

    def _read(self, p1: int, p2: int, le: int) -> tuple[bytes, int]:
        le = max(1, min(le, 65536))
        if le <= 256:
            apdu = bytes((0x00, 0xB0, p1, p2, le & 0xFF))
        else:
            apdu = bytes((0x00, 0xB0, p1, p2, 0x00)) + (le & 0xFFFF).to_bytes(2, "big")
        data, sw = self._exchange_read(apdu, le)
        if sw == SW_WRONG_LENGTH and le > SHORT_BLOCK and self.policy.block > SHORT_BLOCK:
            # The chip claimed more than it takes (as JMRTD sees on some series): fall
            # back to short blocks for the rest of the read.
            self.policy.block = SHORT_BLOCK
            return self._read(p1, p2, SHORT_BLOCK)
        return data, sw

    def _read_odd(self, offset: int, le: int) -> tuple[bytes, int]:
        """READ BINARY B1: offset in DO'54', answer data inside DO'53' (ISO 7816-4 11.2.3)."""
        offset_do = tlv.encode(0x54, offset.to_bytes(max(2, (offset.bit_length() + 7) // 8), "big"))
        le = max(1, min(le + self.policy.odd_overhead, 65536))
        if le <= 256 and len(offset_do) <= 255:
            apdu = b"\x00\xB1\x00\x00" + bytes([len(offset_do)]) + offset_do + bytes([le & 0xFF])
        else:
            apdu = (b"\x00\xB1\x00\x00\x00" + len(offset_do).to_bytes(2, "big") + offset_do
                    + (le & 0xFFFF).to_bytes(2, "big"))
        data, sw = self._exchange_read(apdu, le)
        if not read_ok(sw) or not data:
            return data, sw
        try:
            wrapped = tlv.decode(data)
        except tlv.TlvError:
            raise MalformedDocument("READ BINARY (B1) answer is not a DO'53'") from None
        if wrapped.tag != 0x53:
            raise MalformedDocument("READ BINARY (B1) answer is not a DO'53'")
        return wrapped.value, sw

    def _exchange_read(self, apdu: bytes, le: int) -> tuple[bytes, int]:
        data, sw = self.channel.send(apdu)
        if read_ok(sw):
            if len(data) > le:
                raise MalformedDocument("chip returned more bytes than asked for")
            self.channel.stats.bytes_read += len(data)
        if sw == SW_SECURITY_STATUS_NOT_SATISFIED:
            raise AccessKeyRequired("the chip requires BAC or PACE to read files")
        return data, sw

    # -- files --------------------------------------------------------------------------

    def read_unstructured(self, fid: int, le: int = 256) -> bytes | None:
        """A small file that is not one TLV (EF.ATR/INFO holds several data objects):
        one READ BINARY of `le` bytes; None when the file does not exist."""
        if self.policy.use_sfi and fid in SFI:
            data, sw = self._read(0x80 | SFI[fid], 0, le)
            if sw in NO_SUCH_FILE:
                return None
            if read_ok(sw):
                return data
        try:
            self.select(fid)
        except FileNotFound:
            return None
        data, sw = self._read(0, 0, le)
        return data if read_ok(sw) else None

    def read(
        self,
        fid: int,
        group: DataGroup | None = None,
        progress: Progress | None = None,
        already: bytes = b"",
    ) -> bytes:
        """The whole file; FileNotFound when absent. `already` resumes a pulled read."""
        self.current, self.partial = group, bytes(already)
        policy = self.policy
        content = bytearray(already)
        total: int | None = tlv.peek_length(bytes(content)) if content else None
        if total is not None:
            self._check_size(total, group, fid)
            if progress:
                progress(len(content), total)

        if content:
            self.select(fid)  # resuming: make the file current again
        elif policy.use_sfi and fid in SFI:
            data, sw = self._read(0x80 | SFI[fid], 0x00, policy.block)
            if sw in NO_SUCH_FILE:
                raise FileNotFound()
            if sw in SW_FORM_REFUSED or right_le(sw) is not None:
                policy.use_sfi = False           # this chip does not take SFI addressing
            elif read_ok(sw):
                if not data:
                    raise MalformedDocument(f"{_name(group, fid)} is empty")
                content += data
            else:
                raise ChipError(f"READ BINARY of {_name(group, fid)} refused", sw)
        if not content:
            self.select(fid)
            content += self._first_block(group, fid)

        if total is None:
            total = self._learn_length(content, group, fid)
            del content[total:]
            self.partial = bytes(content)
            if progress:
                progress(len(content), total)
        del content[total:]
        while len(content) < total:
            offset = len(content)
            want = total - offset
            if offset <= MAX_B0_OFFSET:
                data, sw = self._read(offset >> 8, offset & 0xFF, min(policy.block, want))
                if (le := right_le(sw)) is not None:  # 6Cxx names the right Le: ask again once with it
                    data, sw = self._read(offset >> 8, offset & 0xFF, min(le, want))
            else:
                data, sw = self._read_odd(offset, min(policy.block - policy.odd_overhead, want))
                if sw in SW_NO_ODD_READ:
                    raise UnsupportedCard(f"{_name(group, fid)} needs READ BINARY B1, which the chip refuses")
            if sw == SW_WRONG_P1P2:
                raise MalformedDocument(f"{_name(group, fid)} is shorter than its own header says")
            if not read_ok(sw):
                raise ChipError(f"READ BINARY of {_name(group, fid)} refused", sw)
            if not data:
                raise MalformedDocument(f"{_name(group, fid)} ended before its declared length")
            content += data[: total - offset]
            self.partial = bytes(content)
            if progress:
                progress(len(content), total)
        self.current, self.partial = None, b""
        return bytes(content)

    def _first_block(self, group: DataGroup | None, fid: int) -> bytes:
        """After SELECT: one whole block, or a header probe if the chip dislikes the Le."""
        for le in (self.policy.block, HEADER_PROBE):
            data, sw = self._read(0, 0, le)
            if (wanted := right_le(sw)) is not None:
                data, sw = self._read(0, 0, wanted)
            if read_ok(sw) and data:
                return data
            if read_ok(sw):
                raise MalformedDocument(f"{_name(group, fid)} is empty")
            if sw not in (SW_WRONG_LENGTH, SW_WRONG_P1P2):
                raise ChipError(f"READ BINARY of {_name(group, fid)} refused", sw)
        raise ChipError(f"READ BINARY of {_name(group, fid)} refused", sw)

    def _learn_length(self, content: bytearray, group: DataGroup | None, fid: int) -> int:
        while (total := tlv.peek_length(bytes(content))) is None:
            if len(content) >= 2 * HEADER_PROBE:
                raise MalformedDocument(f"{_name(group, fid)} does not start with a TLV header")
            data, sw = self._read(len(content) >> 8, len(content) & 0xFF, HEADER_PROBE)
            if not read_ok(sw) or not data:
                raise MalformedDocument(f"{_name(group, fid)} ends inside its header")
            content += data
        self._check_size(total, group, fid)
        return total

    @staticmethod
    def _check_size(total: int, group: DataGroup | None, fid: int) -> None:
        if total > MAX_FILE_SIZE:
            raise MalformedDocument(f"{_name(group, fid)} claims {total} bytes (limit {MAX_FILE_SIZE})")


def _name(group: DataGroup | None, fid: int) -> str:
    if group is not None:
        return "EF.COM" if group is DataGroup.COM else ("EF.SOD" if group is DataGroup.SOD else group.name)
    return {FID_CARD_ACCESS: "EF.CardAccess", FID_ATR_INFO: "EF.ATR/INFO"}.get(fid, f"EF {fid:04X}")
