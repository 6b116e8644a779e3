"""The symmetric primitives ICAO 9303-11 builds on, on top of `cryptography`.

`cryptography` supplies 3DES, AES, CMAC and SHA; what is written here is only the glue
the standard defines around them and no library offers: the key derivation function
(9.7.1), ISO/IEC 9797-1 padding method 2, the ISO/IEC 9797-1 MAC algorithm 3 ("retail
MAC", single DES chained, 3DES on the last block) and DES key parity.
"""

from __future__ import annotations

import hashlib
import warnings
from enum import Enum

from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

with warnings.catch_warnings():
    # TripleDES lives in the "decrepit" module in recent releases; ICAO still needs it.
    warnings.simplefilter("ignore")
    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    except ImportError:  # pragma: no cover - older cryptography
        from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES

KDF_ENC = 1
KDF_MAC = 2
KDF_PACE = 3


class CipherKind(Enum):
    """Secure-messaging cipher families with their block size."""

    TDES = 8
    AES = 16

    @property
    def block_size(self) -> int:
        return self.value


def adjust_parity(key: bytes) -> bytes:
    """Set each byte's lowest bit so the byte has odd parity (DES keys)."""
    return bytes((b & 0xFE) | ((bin(b >> 1).count("1") + 1) & 1) for b in key)


def kdf(shared: bytes, counter: int, kind: CipherKind, key_bits: int = 128) -> bytes:
    """ICAO 9303-11 9.7.1: KDF(K, c) = H(K || c) cut to the key length.

    SHA-1 for 3DES and AES-128, SHA-256 for AES-192 and AES-256; 3DES keys are
    two-key (Ka || Kb) with adjusted parity.
    """
    data = bytes(shared) + counter.to_bytes(4, "big")
    if kind is CipherKind.TDES:
        return adjust_parity(hashlib.sha1(data).digest()[:16])
    if key_bits == 128:
        return hashlib.sha1(data).digest()[:16]
    if key_bits in (192, 256):
        return hashlib.sha256(data).digest()[: key_bits // 8]
    raise ValueError(f"no KDF for AES-{key_bits}")


def pad(data: bytes, block: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 80 then zeros to a whole block (always adds)."""
    data = bytes(data) + b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data: bytes) -> bytes:
    """Remove padding method 2; ValueError when it is absent or malformed."""
    end = len(data) - 1
    while end >= 0 and data[end] == 0:
        end -= 1
    if end < 0 or data[end] != 0x80:
        raise ValueError("missing ISO 9797-1 padding")
    return bytes(data[:end])


def _tdes_key(key: bytes) -> bytes:
    if len(key) == 16:  # two-key 3DES: K1 K2 K1
        return key + key[:8]
    if len(key) == 24:
        return key
    raise ValueError("3DES keys are 16 or 24 bytes")


def tdes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    enc = Cipher(TripleDES(_tdes_key(key)), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def tdes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    dec = Cipher(TripleDES(_tdes_key(key)), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def _des_ecb(key8: bytes, block: bytes, decrypt: bool = False) -> bytes:
    # Single DES is TripleDES with K1 = K2 = K3.
    cipher = Cipher(TripleDES(key8 * 3), modes.ECB())
    ctx = cipher.decryptor() if decrypt else cipher.encryptor()
    return ctx.update(block) + ctx.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES over already padded `data` (8-byte MAC)."""
    if len(data) % 8 or not data:
        raise ValueError("retail MAC needs whole 8-byte blocks")
    ka, kb = key[:8], key[8:16]
    # CBC with single DES under Ka over every block (one library call), then the
    # output transformation: decrypt with Kb, encrypt with Ka.
    enc = Cipher(TripleDES(ka * 3), modes.CBC(bytes(8))).encryptor()
    h = (enc.update(data) + enc.finalize())[-8:]
    return _des_ecb(ka, _des_ecb(kb, h, decrypt=True))


def aes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def aes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def aes_ecb_encrypt(key: bytes, block: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    """Full 16-byte AES-CMAC; ICAO truncates it to 8 bytes."""
    c = cmac.CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()


def mac(kind: CipherKind, key: bytes, data: bytes) -> bytes:
    """The 8-byte MAC of secure messaging and PACE tokens: `data` is padded here."""
    if kind is CipherKind.TDES:
        return retail_mac(key, pad(data, 8))
    return aes_cmac(key, pad(data, 16))[:8]


def token_mac(kind: CipherKind, key: bytes, data: bytes) -> bytes:
    """PACE authentication token (9303-11 4.4.3.4): 3DES pads, CMAC does not."""
    if kind is CipherKind.TDES:
        return retail_mac(key, pad(data, 8))
    return aes_cmac(key, data)[:8]


def block_encrypt(kind: CipherKind, key: bytes, data: bytes, iv: bytes) -> bytes:
    if kind is CipherKind.TDES:
        return tdes_cbc_encrypt(key, data, iv)
    return aes_cbc_encrypt(key, data, iv)


def block_decrypt(kind: CipherKind, key: bytes, data: bytes, iv: bytes) -> bytes:
    if kind is CipherKind.TDES:
        return tdes_cbc_decrypt(key, data, iv)
    return aes_cbc_decrypt(key, data, iv)
