"""Secure messaging (ICAO 9303-11 9.8) for the inspection system: wrap and unwrap only.

Like JMRTD's DESede/AES secure-messaging wrappers this knows nothing of files, keys
agreement or the card: it turns a plain command APDU into a protected one (DO'87' or, for
odd instructions, DO'85' with the encrypted data; DO'97' with Le; DO'8E' with the MAC over
the send sequence counter) and checks and decrypts the chip's protected response. 3DES
(BAC, PACE-3DES) and AES (PACE) differ only in block size, IV and MAC.
"""

from __future__ import annotations

import hmac

from kiosk.documents import tlv
from kiosk.documents.apdu import MAX_SHORT_LC, CommandApdu
from kiosk.documents.crypto import CipherKind, aes_ecb_encrypt, block_decrypt, block_encrypt, mac, pad, unpad
from kiosk.documents.errors import SecureMessagingError
from kiosk.documents.status_words import must_be_protected

SM_CLA_BITS = 0x0C
DO_ENCRYPTED_PI = 0x87   # padding-content indicator byte + cryptogram (even INS)
DO_ENCRYPTED = 0x85      # cryptogram without indicator (odd INS, BER-TLV data)
DO_LE = 0x97
DO_STATUS = 0x99
DO_MAC = 0x8E
MAC_LENGTH = 8


def protected_response_length(plain_length: int, kind: CipherKind, odd_ins: bool = False) -> int:
    """Bytes of a protected response carrying `plain_length` bytes of data (SW excluded)."""
    if plain_length == 0:
        crypto = 0
    else:
        body = len(pad(bytes(plain_length), kind.block_size)) + (0 if odd_ins else 1)
        crypto = 1 + len(tlv.encode_length(body)) + body
    return crypto + 4 + 2 + MAC_LENGTH


def max_plain_length(limit: int, kind: CipherKind, odd_ins: bool = False) -> int:
    """The largest plain response length whose protected form fits in `limit` bytes."""
    n = limit
    while n > 0 and protected_response_length(n, kind, odd_ins) > limit:
        n -= 1
    return n


class SecureMessaging:
    """A secure-messaging session: session keys and the send sequence counter (SSC)."""

    def __init__(self, kind: CipherKind, ks_enc: bytes, ks_mac: bytes, ssc: int = 0) -> None:
        self.kind = kind
        self._ks_enc = bytes(ks_enc)
        self._ks_mac = bytes(ks_mac)
        self.ssc = ssc

    def __repr__(self) -> str:  # keys never in logs
        return f"SecureMessaging({self.kind.name})"

    @property
    def _ssc_bytes(self) -> bytes:
        return self.ssc.to_bytes(self.kind.block_size, "big")

    def _iv(self) -> bytes:
        if self.kind is CipherKind.TDES:
            return bytes(8)
        return aes_ecb_encrypt(self._ks_enc, self._ssc_bytes)  # 9.8.6.1: IV = E(KS_Enc, SSC)

    def _mac(self, data: bytes) -> bytes:
        return mac(self.kind, self._ks_mac, self._ssc_bytes + data)

    # -- commands ---------------------------------------------------------------------

    def wrap(self, apdu: bytes) -> bytes:
        plain = CommandApdu.parse(apdu)
        if plain.cla & SM_CLA_BITS:
            raise ValueError("command is already protected")
        block = self.kind.block_size
        header = bytes((plain.cla | SM_CLA_BITS, plain.ins, plain.p1, plain.p2))
        self.ssc += 1
        objects = b""
        if plain.data:
            cryptogram = block_encrypt(self.kind, self._ks_enc, pad(plain.data, block), self._iv())
            if plain.ins & 1:
                objects += tlv.encode(DO_ENCRYPTED, cryptogram)
            else:
                objects += tlv.encode(DO_ENCRYPTED_PI, b"\x01" + cryptogram)
        if plain.le is not None:
            le = plain.le
            le_bytes = bytes([le & 0xFF]) if le <= 256 else (le & 0xFFFF).to_bytes(2, "big")
            objects += tlv.encode(DO_LE, le_bytes)
        cc = self._mac(pad(header, block) + objects)
        body = objects + tlv.encode(DO_MAC, cc)
        extended = plain.extended or len(body) > MAX_SHORT_LC
        return CommandApdu(
            header[0], plain.ins, plain.p1, plain.p2, body,
            le=65536 if extended else 256, force_extended=extended,
        ).encode()

    # -- responses --------------------------------------------------------------------

    def unwrap(self, response: bytes) -> bytes:
        response = bytes(response)
        if len(response) < 2:
            raise SecureMessagingError("response without a status word")
        if len(response) == 2:
            sw = int.from_bytes(response, "big")
            if must_be_protected(sw):
                raise SecureMessagingError(f"unprotected status {sw:04X} under secure messaging")
            return response  # a plain error: the chip has left secure messaging
        try:
            objects = tlv.decode_all(response[:-2])
        except tlv.TlvError:
            raise SecureMessagingError("protected response is not BER-TLV") from None
        tags = [o.tag for o in objects]
        if tags.count(DO_MAC) != 1 or tags[-1] != DO_MAC or tags.count(DO_STATUS) != 1:
            raise SecureMessagingError("protected response lacks DO'99' or DO'8E'")
        crypto = [o for o in objects if o.tag in (DO_ENCRYPTED_PI, DO_ENCRYPTED)]
        if len(crypto) > 1 or len(objects) != 2 + len(crypto):
            raise SecureMessagingError("unexpected data objects in protected response")
        status = next(o for o in objects if o.tag == DO_STATUS).value
        if len(status) != 2:
            raise SecureMessagingError("DO'99' is not two bytes")
        body = response[:-2]
        if len(objects[-1].value) != MAC_LENGTH or body[-MAC_LENGTH - 2 : -MAC_LENGTH] != b"\x8e\x08":
            raise SecureMessagingError("DO'8E' is not an 8-byte MAC")
        self.ssc += 1
        covered = body[: -MAC_LENGTH - 2]  # as received: re-encoding could change length forms
        if not hmac.compare_digest(self._mac(covered), objects[-1].value):
            raise SecureMessagingError("response MAC does not verify")
        data = b""
        if crypto:
            obj = crypto[0]
            cryptogram = obj.value
            if obj.tag == DO_ENCRYPTED_PI:
                if not cryptogram or cryptogram[0] != 0x01:
                    raise SecureMessagingError("unknown padding-content indicator")
                cryptogram = cryptogram[1:]
            if not cryptogram or len(cryptogram) % self.kind.block_size:
                raise SecureMessagingError("cryptogram is not whole blocks")
            try:
                data = unpad(block_decrypt(self.kind, self._ks_enc, cryptogram, self._iv()))
            except ValueError:
                raise SecureMessagingError("decrypted response has bad padding") from None
        return data + status
