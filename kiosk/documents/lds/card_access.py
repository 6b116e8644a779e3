"""EF.CardAccess (ICAO 9303-11 9.2): which PACE variants the chip offers.

Bytes in, values out, with `asn1crypto` for the DER: SecurityInfos is a SET OF
SecurityInfo (protocol OID, required data, optional data); only PACEInfo entries matter
here, every other entry is kept as its OID so a technician can see what a card offers.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import core

from kiosk.documents.crypto import CipherKind
from kiosk.documents.errors import MalformedDocument

ID_PACE = "0.4.0.127.0.7.2.2.4"
_MAPPINGS = {"1": ("DH", "GM"), "2": ("ECDH", "GM"), "3": ("DH", "IM"), "4": ("ECDH", "IM"), "6": ("ECDH", "CAM")}
_CIPHERS = {"1": (CipherKind.TDES, 112), "2": (CipherKind.AES, 128), "3": (CipherKind.AES, 192), "4": (CipherKind.AES, 256)}
_CIPHER_NAMES = {v: k for k, v in _CIPHERS.items()}
_AGREEMENT_CODES = {v: k for k, v in _MAPPINGS.items()}


class _SecurityInfo(core.Sequence):
    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("required_data", core.Any),
        ("optional_data", core.Any, {"optional": True}),
    ]


class _SecurityInfos(core.SetOf):
    _child_spec = _SecurityInfo


@dataclass(frozen=True)
class PaceInfo:
    """One PACE variant: protocol OID, version (2) and standardized parameter id."""

    oid: str
    version: int
    parameter_id: int | None

    @property
    def agreement(self) -> str:   # "DH" or "ECDH"
        return _MAPPINGS[self._parts[0]][0]

    @property
    def mapping(self) -> str:     # "GM", "IM" or "CAM"
        return _MAPPINGS[self._parts[0]][1]

    @property
    def cipher(self) -> CipherKind:
        return _CIPHERS[self._parts[1]][0]

    @property
    def key_bits(self) -> int:
        return _CIPHERS[self._parts[1]][1]

    @property
    def oid_bytes(self) -> bytes:
        """The OID's DER contents (no tag or length), as MSE:Set AT and tokens carry it."""
        return core.ObjectIdentifier(self.oid).contents

    @property
    def _parts(self) -> tuple[str, str]:
        tail = self.oid[len(ID_PACE) + 1 :].split(".")
        return tail[0], tail[1]

    @property
    def name(self) -> str:
        cipher = "3DES" if self.cipher is CipherKind.TDES else f"AES{self.key_bits}"
        return f"PACE-{self.agreement}-{self.mapping}-{cipher}"


def pace_oid(agreement: str, mapping: str, cipher: CipherKind, key_bits: int) -> str:
    return f"{ID_PACE}.{_AGREEMENT_CODES[(agreement, mapping)]}.{_CIPHER_NAMES[(cipher, key_bits)]}"


@dataclass(frozen=True)
class CardAccess:
    pace: tuple[PaceInfo, ...]
    other_protocols: tuple[str, ...]


def parse_card_access(data: bytes) -> CardAccess:
    """Parse EF.CardAccess; MalformedDocument when it is not a SET OF SecurityInfo."""
    try:
        return _parse(bytes(data))
    except MalformedDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises many kinds on bad DER
        raise MalformedDocument(f"EF.CardAccess is not SecurityInfos ({type(exc).__name__})") from None


def _parse(data: bytes) -> CardAccess:
    infos = _SecurityInfos.load(data, strict=True)
    pace: list[PaceInfo] = []
    other: list[str] = []
    for info in infos:
        oid = info["protocol"].dotted
        parts = oid[len(ID_PACE) + 1 :].split(".") if oid.startswith(ID_PACE + ".") else []
        if len(parts) == 2 and parts[0] in _MAPPINGS and parts[1] in _CIPHERS:
            version = core.Integer.load(info["required_data"].dump(), strict=True).native
            optional = info["optional_data"]
            parameter = None if optional.native is None else core.Integer.load(optional.dump(), strict=True).native
            if not isinstance(version, int) or not (parameter is None or isinstance(parameter, int)):
                raise MalformedDocument("PACEInfo does not hold integers")
            pace.append(PaceInfo(oid, version, parameter))
        else:
            other.append(oid)
    return CardAccess(tuple(pace), tuple(other))


def build_card_access(infos: list[PaceInfo], extra: list[bytes] | None = None) -> bytes:
    """EF.CardAccess content for the given PACEInfos, plus raw SecurityInfo elements
    (`extra`, e.g. unknown protocols) - for emulators and tests."""
    elements = []
    for info in infos:
        entry = {"protocol": info.oid, "required_data": core.Integer(info.version)}
        if info.parameter_id is not None:
            entry["optional_data"] = core.Integer(info.parameter_id)
        elements.append(_SecurityInfo(entry).dump())
    elements += extra or []
    body = b"".join(sorted(elements))  # DER orders SET OF elements by their encoding
    return b"\x31" + core.Sequence(contents=body).dump()[1:]
