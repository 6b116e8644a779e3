"""Maintenance PINs stored as salted scrypt hashes, never as anything a PIN list reverses.

The old setting kept an unsalted SHA-256: one table of the 10^6 six-digit PINs (built in
about a second, see tests/bench/bench_pin_hash.py) reverses every kiosk's PIN at once.
scrypt with a random salt per hash forces an attacker who copied a configuration file to
pay the full key derivation for every guess, for that kiosk alone, and its memory cost
(128 * r * n bytes = 32 MiB here) makes that expensive on GPUs too.

Why these parameters (n = 2^15, r = 8, p = 1): the kiosk verifies on a two-core machine
shared with the camera and the face check, and a technician must not wait more than about
half a second per try. Measured by tests/bench/bench_pin_hash.py on the development
machine (2 cores, shared): one verify_pin takes 0.13-0.26 s (median 0.17 s) against
0.7 microseconds for the old SHA-256, about 250 000 times more per guess. Trying all 10^6
six-digit PINs: the SHA-256 one was searched for real in 0.45 s; with scrypt it costs
about 2 days of one such core. That is a delay, not a wall: a 32-core machine does it in
about an hour and a half. So the configuration file stays secret (`secret=True`; keep it
mode 0600), a site that wants more picks a longer PIN (each digit multiplies the cost by
ten; `kiosk maintenance hash-pin` takes up to 32), and at the kiosk itself the growing
lockout of `kiosk.operations.lockout` allows about one guess an hour.

The parameters travel inside the stored string, so a later, stronger default does not
break the hashes already in configuration files; `parse` bounds them, so a hand-edited
string cannot ask for gigabytes of memory.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

SCHEME = "scrypt"
LOG2_N = 15
R = 8
P = 1
SALT_BYTES = 16
HASH_BYTES = 32

# What a stored string may ask for: below, a hash too cheap to be worth having; above,
# more memory or time than the kiosk can spend on one tap of "OK".
_LOG2_N_RANGE = range(14, 21)      # 16 MiB .. 1 GiB with r = 8
_R_RANGE = range(1, 33)
_P_RANGE = range(1, 5)
_MAX_MEMORY = 256 * 2**20          # scrypt needs 128 * r * n bytes


class PinHashError(ValueError):
    """A stored PIN hash that is not a `scrypt$...` string this module can check."""


@dataclass(frozen=True)
class PinHash:
    log2_n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    def kdf(self) -> Scrypt:
        return Scrypt(salt=self.salt, length=len(self.digest), n=2**self.log2_n, r=self.r, p=self.p)

    def __str__(self) -> str:
        return "$".join((SCHEME, str(self.log2_n), str(self.r), str(self.p), _b64(self.salt), _b64(self.digest)))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise PinHashError(f"its {what} is not base64") from None


def _number(text: str, allowed: range, what: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) not in allowed:
        raise PinHashError(f"its {what} must be a whole number from {allowed.start} to {allowed.stop - 1}")
    return int(text)


def parse(stored: str) -> PinHash:
    """The parts of `scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>`, or PinHashError saying what is wrong."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise PinHashError('must be "scrypt$<log2 n>$<r>$<p>$<salt>$<hash>", as printed by kiosk maintenance hash-pin')
    log2_n = _number(parts[1], _LOG2_N_RANGE, "log2 n")
    r = _number(parts[2], _R_RANGE, "r")
    p = _number(parts[3], _P_RANGE, "p")
    if 128 * r * 2**log2_n > _MAX_MEMORY:
        raise PinHashError(f"it asks for more than {_MAX_MEMORY >> 20} MiB of memory (128 * r * 2^log2 n)")
    salt = _unb64(parts[4], "salt")
    digest = _unb64(parts[5], "hash")
    if len(salt) < SALT_BYTES:
        raise PinHashError(f"its salt must be at least {SALT_BYTES} bytes")
    if not 16 <= len(digest) <= 64:
        raise PinHashError("its hash must be 16 to 64 bytes")
    return PinHash(log2_n, r, p, salt, digest)


def hash_pin(pin: str) -> str:
    """`pin` as a `scrypt$...` string with a fresh random salt (for the configuration file)."""
    salt = os.urandom(SALT_BYTES)
    digest = Scrypt(salt=salt, length=HASH_BYTES, n=2**LOG2_N, r=R, p=P).derive(pin.encode("utf-8"))
    return str(PinHash(LOG2_N, R, P, salt, digest))


def verify_pin(stored: str, pin: str) -> bool:
    """True when `pin` matches `stored`; False for a wrong PIN or a malformed `stored`.

    The comparison is constant-time (hmac.compare_digest), so the time taken says nothing
    about how many bytes of the derived key matched."""
    try:
        parsed = parse(stored)
        candidate = parsed.kdf().derive(pin.encode("utf-8"))
    except (PinHashError, UnicodeEncodeError):   # a lone surrogate in pin cannot be a PIN
        return False
    return hmac.compare_digest(candidate, parsed.digest)
