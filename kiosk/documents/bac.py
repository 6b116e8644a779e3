"""Basic Access Control (ICAO 9303-11 section 4.3, worked example in Appendix D).

The protocol needs only two commands (GET CHALLENGE, EXTERNAL AUTHENTICATE) sent in
plain; `perform_bac` sends them through any `send` callable and returns the secure-
messaging session. The pure functions below are also what the chip side computes, so the
test emulator and the ICAO vectors exercise the very same arithmetic.
"""

from __future__ import annotations

import hmac
import os
from typing import Callable

from kiosk.documents.access import MrzKey, bac_key_seed
from kiosk.documents.crypto import (
    KDF_ENC,
    KDF_MAC,
    CipherKind,
    kdf,
    retail_mac,
    pad,
    tdes_cbc_decrypt,
    tdes_cbc_encrypt,
)
from kiosk.documents.errors import ChipError, SecureMessagingError, WrongAccessKey
from kiosk.documents.secure_messaging import SecureMessaging
from kiosk.documents.status_words import KEY_REJECTED, SW_NO_ERROR

Send = Callable[[bytes], tuple[bytes, int]]
Random = Callable[[int], bytes]

GET_CHALLENGE = bytes.fromhex("0084000008")
SW_AUTH_FAILED = KEY_REJECTED


def document_keys(key: MrzKey) -> tuple[bytes, bytes]:
    """K_Enc and K_MAC from the MRZ information (Appendix D.2)."""
    seed = bac_key_seed(key)
    return kdf(seed, KDF_ENC, CipherKind.TDES), kdf(seed, KDF_MAC, CipherKind.TDES)


def cryptogram(k_enc: bytes, k_mac: bytes, first: bytes, second: bytes, key_material: bytes) -> bytes:
    """E = 3DES(K_Enc, first || second || K) and its retail MAC: 40 bytes (D.3 steps 3-4).

    The terminal sends (RND.IFD, RND.IC, K.IFD); the chip answers (RND.IC, RND.IFD, K.IC).
    """
    encrypted = tdes_cbc_encrypt(k_enc, first + second + key_material)
    return encrypted + retail_mac(k_mac, pad(encrypted, 8))


def open_cryptogram(k_enc: bytes, k_mac: bytes, data: bytes) -> bytes:
    """Check the MAC of a 40-byte cryptogram and decrypt it to its 32 plain bytes."""
    if len(data) != 40:
        raise SecureMessagingError("BAC cryptogram is not 40 bytes")
    encrypted, mac = data[:32], data[32:]
    if not hmac.compare_digest(retail_mac(k_mac, pad(encrypted, 8)), mac):
        raise SecureMessagingError("BAC cryptogram MAC does not verify")
    return tdes_cbc_decrypt(k_enc, encrypted)


def session_keys(k_ifd: bytes, k_ic: bytes) -> tuple[bytes, bytes]:
    """KS_Enc, KS_MAC from K_seed = K.IFD xor K.IC (D.3 step 8)."""
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic))
    return kdf(seed, KDF_ENC, CipherKind.TDES), kdf(seed, KDF_MAC, CipherKind.TDES)


def initial_ssc(rnd_ic: bytes, rnd_ifd: bytes) -> int:
    """SSC = the 4 least significant bytes of RND.IC then of RND.IFD (D.3 step 9)."""
    return int.from_bytes(rnd_ic[-4:] + rnd_ifd[-4:], "big")


def perform_bac(send: Send, key: MrzKey, random: Random = os.urandom) -> SecureMessaging:
    """Run BAC on the (already selected) eMRTD application; returns the SM session.

    Raises WrongAccessKey when the chip rejects the cryptogram (6300/6982),
    ChipError for other status words, SecureMessagingError when the chip's answer
    does not verify (not the chip we talk to, or tampered).
    """
    rnd_ic, sw = send(GET_CHALLENGE)
    if sw != SW_NO_ERROR or len(rnd_ic) != 8:
        raise ChipError("GET CHALLENGE refused", sw)
    k_enc, k_mac = document_keys(key)
    rnd_ifd, k_ifd = random(8), random(16)
    command = b"\x00\x82\x00\x00\x28" + cryptogram(k_enc, k_mac, rnd_ifd, rnd_ic, k_ifd) + b"\x28"
    answer, sw = send(command)
    if sw in SW_AUTH_FAILED:
        raise WrongAccessKey("the chip rejected the BAC key", protocol="BAC")
    if sw != SW_NO_ERROR:
        raise ChipError("EXTERNAL AUTHENTICATE refused", sw)
    plain = open_cryptogram(k_enc, k_mac, answer)
    if plain[:8] != rnd_ic or plain[8:16] != rnd_ifd:
        raise SecureMessagingError("BAC answer does not echo our challenge")
    ks_enc, ks_mac = session_keys(k_ifd, plain[16:32])
    return SecureMessaging(CipherKind.TDES, ks_enc, ks_mac, initial_ssc(rnd_ic, rnd_ifd))
