"""PACE with ECDH generic mapping (ICAO 9303-11 4.4, worked example in Appendix G.1).

Point arithmetic comes from `ecdsa` (its curves carry every standardized parameter set
and it exposes point addition, which the generic mapping G~ = s*G + H needs and
`cryptography` does not offer). The pure functions are shared with the chip side of the
test emulator; `perform_pace` speaks the four GENERAL AUTHENTICATE steps through any
`send` callable and returns the secure-messaging session (SSC 0).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Callable

from ecdsa import curves as ec_curves
from ecdsa.ellipticcurve import INFINITY, PointJacobi

from kiosk.documents import tlv
from kiosk.documents.access import AccessKey, pace_key_reference, pace_password
from kiosk.documents.crypto import KDF_ENC, KDF_MAC, KDF_PACE, block_decrypt, kdf, token_mac
from kiosk.documents.errors import ChipError, SecureMessagingError, UnsupportedCard, WrongAccessKey
from kiosk.documents.lds.card_access import PaceInfo
from kiosk.documents.secure_messaging import SecureMessaging
from kiosk.documents.status_words import KEY_REJECTED, SW_NO_ERROR, SW_TRIES_LEFT

Send = Callable[[bytes], tuple[bytes, int]]
RandomScalar = Callable[[int], int]

# Standardized domain parameters (9303-11 Table 12): id -> ecdsa curve. 0-2 are DH groups.
STANDARD_CURVES = {
    8: ec_curves.NIST192p,
    9: ec_curves.BRAINPOOLP192r1,
    10: ec_curves.NIST224p,
    11: ec_curves.BRAINPOOLP224r1,
    12: ec_curves.NIST256p,
    13: ec_curves.BRAINPOOLP256r1,
    14: ec_curves.BRAINPOOLP320r1,
    15: ec_curves.NIST384p,
    16: ec_curves.BRAINPOOLP384r1,
    17: ec_curves.BRAINPOOLP512r1,
    18: ec_curves.NIST521p,
}

TAG_DYNAMIC = 0x7C
TAG_NONCE = 0x80
TAG_MAP_IFD = 0x81
TAG_MAP_IC = 0x82
TAG_EPH_IFD = 0x83
TAG_EPH_IC = 0x84
TAG_TOKEN_IFD = 0x85
TAG_TOKEN_IC = 0x86
TAG_PUBLIC_KEY = 0x7F49
TAG_EC_POINT = 0x86
SW_AUTH_FAILED = KEY_REJECTED + tuple(SW_TRIES_LEFT)


def curve_for(parameter_id: int | None):
    curve = STANDARD_CURVES.get(parameter_id) if parameter_id is not None else None
    if curve is None:
        raise UnsupportedCard(f"PACE domain parameters {parameter_id} are not a standard curve we support")
    return curve


def field_length(curve) -> int:
    return (curve.curve.p().bit_length() + 7) // 8


def encode_point(curve, point) -> bytes:
    n = field_length(curve)
    return b"\x04" + point.x().to_bytes(n, "big") + point.y().to_bytes(n, "big")


def decode_point(curve, data: bytes) -> PointJacobi:
    """An uncompressed point that lies on the curve; SecureMessagingError otherwise."""
    n = field_length(curve)
    if len(data) != 1 + 2 * n or data[0] != 0x04:
        raise SecureMessagingError("EC point is not uncompressed or has the wrong length")
    x, y = int.from_bytes(data[1 : 1 + n], "big"), int.from_bytes(data[1 + n :], "big")
    p = curve.curve.p()
    if not (0 <= x < p and 0 <= y < p) or not curve.curve.contains_point(x, y):
        raise SecureMessagingError("EC point is not on the curve")
    # Every standardized PACE curve has cofactor 1: a point on the curve is in the group.
    return PointJacobi(curve.curve, x, y, 1, curve.order)


def random_scalar(order: int) -> int:
    return secrets.randbelow(order - 1) + 1


def decrypt_nonce(info: PaceInfo, k_pi: bytes, encrypted: bytes) -> bytes:
    block = info.cipher.block_size
    if not encrypted or len(encrypted) % block:
        raise SecureMessagingError("encrypted PACE nonce is not whole blocks")
    return block_decrypt(info.cipher, k_pi, encrypted, bytes(block))


def password_key(info: PaceInfo, key: AccessKey) -> bytes:
    """K_pi = KDF(f(password), 3) (4.4.3.2)."""
    return kdf(pace_password(key), KDF_PACE, info.cipher, info.key_bits)


def map_generic(curve, nonce: bytes, sk_map: int, pk_map_other: PointJacobi):
    """G~ = s*G + H with H = sk_map * PK_map of the other side (4.4.3.3.1)."""
    shared = pk_map_other * sk_map
    if shared == INFINITY:
        raise SecureMessagingError("PACE mapping produced the point at infinity")
    mapped = curve.generator * int.from_bytes(nonce, "big") + shared
    if mapped == INFINITY:
        raise SecureMessagingError("PACE mapped generator is the point at infinity")
    return mapped


def shared_secret(curve, sk: int, pk_other: PointJacobi) -> bytes:
    """K = the x-coordinate of sk * PK (ECKA, 4.4.3.4), on the field length."""
    point = pk_other * sk
    if point == INFINITY:
        raise SecureMessagingError("PACE key agreement produced the point at infinity")
    return point.x().to_bytes(field_length(curve), "big")


def session_keys(info: PaceInfo, secret: bytes) -> tuple[bytes, bytes]:
    return kdf(secret, KDF_ENC, info.cipher, info.key_bits), kdf(secret, KDF_MAC, info.cipher, info.key_bits)


def token_input(info: PaceInfo, point: bytes) -> bytes:
    """The public key data object the tokens MAC: 7F49 { 06 OID, 86 point } (4.4.3.5)."""
    return tlv.encode(TAG_PUBLIC_KEY, tlv.encode(0x06, info.oid_bytes) + tlv.encode(TAG_EC_POINT, point))


def auth_token(info: PaceInfo, ks_mac: bytes, point: bytes) -> bytes:
    return token_mac(info.cipher, ks_mac, token_input(info, point))


def mse_set_at(info: PaceInfo, key: AccessKey, with_parameter_id: bool) -> bytes:
    data = tlv.encode(0x80, info.oid_bytes) + tlv.encode(0x83, bytes([pace_key_reference(key)]))
    if with_parameter_id and info.parameter_id is not None:
        data += tlv.encode(0x84, bytes([info.parameter_id]))
    return b"\x00\x22\xC1\xA4" + bytes([len(data)]) + data


def general_authenticate(tag: int, value: bytes, last: bool = False) -> bytes:
    """GENERAL AUTHENTICATE with command chaining (CLA 10) except for the last step."""
    inner = tlv.encode(tag, value) if tag else b""
    data = tlv.encode(TAG_DYNAMIC, inner)
    return bytes((0x00 if last else 0x10, 0x86, 0x00, 0x00, len(data))) + data + b"\x00"


def _dynamic(answer: bytes, tag: int, what: str) -> bytes:
    try:
        found = tlv.decode(answer)
        if found.tag != TAG_DYNAMIC:
            raise tlv.TlvError("not 7C")
        item = found.find(tag)
    except tlv.TlvError:
        raise SecureMessagingError(f"PACE {what}: answer is not a dynamic authentication template") from None
    if item is None:
        raise SecureMessagingError(f"PACE {what}: answer lacks tag {tag:02X}")
    return item.value


@dataclass
class PaceTrace:
    """What one PACE run computed, for tests against the ICAO worked example."""

    nonce: bytes = b""
    mapped_generator: bytes = b""
    shared_secret: bytes = b""
    token_ifd: bytes = b""
    token_ic: bytes = b""


def perform_pace(
    send: Send,
    key: AccessKey,
    info: PaceInfo,
    *,
    with_parameter_id: bool = False,
    random: RandomScalar = random_scalar,
    trace: PaceTrace | None = None,
) -> SecureMessaging:
    """Run PACE (ECDH, generic mapping); returns the SM session with SSC 0.

    `with_parameter_id` sends DO'84' (required when EF.CardAccess lists several
    parameter sets). Raises WrongAccessKey when the chip rejects our token,
    UnsupportedCard for variants we do not implement, ChipError for other status words,
    SecureMessagingError when the chip's data does not verify.
    """
    if info.agreement != "ECDH" or info.mapping != "GM":
        raise UnsupportedCard(f"{info.name} is not implemented (only ECDH generic mapping)")
    curve = curve_for(info.parameter_id)
    trace = trace if trace is not None else PaceTrace()

    _, sw = send(mse_set_at(info, key, with_parameter_id))
    if sw != SW_NO_ERROR:
        raise ChipError("MSE:Set AT for PACE refused", sw)

    answer, sw = send(general_authenticate(0, b""))
    if sw != SW_NO_ERROR:
        raise ChipError("PACE step 1 (encrypted nonce) refused", sw)
    trace.nonce = nonce = decrypt_nonce(info, password_key(info, key), _dynamic(answer, TAG_NONCE, "nonce"))

    sk_map = random(curve.order)
    answer, sw = send(general_authenticate(TAG_MAP_IFD, encode_point(curve, curve.generator * sk_map)))
    if sw != SW_NO_ERROR:
        raise ChipError("PACE step 2 (mapping) refused", sw)
    pk_map_ic = decode_point(curve, _dynamic(answer, TAG_MAP_IC, "mapping"))
    mapped = map_generic(curve, nonce, sk_map, pk_map_ic)
    trace.mapped_generator = encode_point(curve, mapped)

    sk_eph = random(curve.order)
    pk_eph = encode_point(curve, mapped * sk_eph)
    answer, sw = send(general_authenticate(TAG_EPH_IFD, pk_eph))
    if sw != SW_NO_ERROR:
        raise ChipError("PACE step 3 (key agreement) refused", sw)
    pk_eph_ic_bytes = _dynamic(answer, TAG_EPH_IC, "key agreement")
    if hmac.compare_digest(pk_eph_ic_bytes, pk_eph):
        raise SecureMessagingError("PACE: the chip echoed our ephemeral key")
    pk_eph_ic = decode_point(curve, pk_eph_ic_bytes)
    trace.shared_secret = secret = shared_secret(curve, sk_eph, pk_eph_ic)
    ks_enc, ks_mac = session_keys(info, secret)

    trace.token_ifd = auth_token(info, ks_mac, pk_eph_ic_bytes)
    answer, sw = send(general_authenticate(TAG_TOKEN_IFD, trace.token_ifd, last=True))
    if sw in SW_AUTH_FAILED:
        raise WrongAccessKey("the chip rejected the PACE password", protocol="PACE")
    if sw != SW_NO_ERROR:
        raise ChipError("PACE step 4 (mutual authentication) refused", sw)
    trace.token_ic = _dynamic(answer, TAG_TOKEN_IC, "mutual authentication")
    if not hmac.compare_digest(trace.token_ic, auth_token(info, ks_mac, pk_eph)):
        raise SecureMessagingError("PACE: the chip's authentication token does not verify")
    return SecureMessaging(info.cipher, ks_enc, ks_mac, 0)
