"""Maintenance PINs as salted scrypt strings: the format, and that nothing but the PIN opens them."""

from __future__ import annotations

import base64
import hashlib

import pytest

from kiosk.demo.config import DEMO_TECHNICIAN_PIN, DEMO_TECHNICIAN_PIN_HASH
from kiosk.operations import pin_hash
from kiosk.operations.pin_hash import PinHashError, hash_pin, parse, verify_pin

STORED = DEMO_TECHNICIAN_PIN_HASH   # hashed once: each scrypt costs a noticeable fraction of a second
PIN = DEMO_TECHNICIAN_PIN


def _with(stored: str, index: int, value: str) -> str:
    parts = stored.split("$")
    parts[index] = value
    return "$".join(parts)


def _flip(b64: str) -> str:
    raw = bytearray(base64.b64decode(b64))
    raw[0] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def test_the_string_carries_scheme_parameters_salt_and_hash() -> None:
    stored = hash_pin("246810")
    scheme, log2_n, r, p, salt, digest = stored.split("$")
    assert (scheme, log2_n, r, p) == ("scrypt", "15", "8", "1")
    assert len(base64.b64decode(salt, validate=True)) == 16
    assert len(base64.b64decode(digest, validate=True)) == 32
    assert verify_pin(stored, "246810")


def test_it_is_scrypt_with_those_parameters() -> None:
    # Computed independently (hashlib's OpenSSL scrypt), so the string means what it says.
    parsed = parse(STORED)
    expected = hashlib.scrypt(PIN.encode(), salt=parsed.salt, n=2**parsed.log2_n, r=parsed.r, p=parsed.p,
                              dklen=len(parsed.digest), maxmem=64 * 2**20)
    assert expected == parsed.digest


def test_each_hash_gets_its_own_salt() -> None:
    first, second = hash_pin("246810"), hash_pin("246810")
    assert first != second and first.split("$")[4] != second.split("$")[4]


def test_the_right_pin_opens_and_nothing_else() -> None:
    assert verify_pin(STORED, PIN)
    for wrong in ("246811", "2468100", "24681", "", " 246810", "٢٤٦٨١٠"):
        assert not verify_pin(STORED, wrong), wrong


@pytest.mark.parametrize(
    ("index", "change"),
    [(4, _flip), (5, _flip), (2, lambda r: "9"), (1, lambda n: "14"), (3, lambda p: "2")],
    ids=["salt", "hash", "r", "n", "p"],
)
def test_a_tampered_string_refuses_the_right_pin(index: int, change) -> None:  # type: ignore[no-untyped-def]
    parts = STORED.split("$")
    assert not verify_pin(_with(STORED, index, change(parts[index])), PIN)


@pytest.mark.parametrize(
    "stored",
    ["", "scrypt", "scrypt$15$8$1$$", "sha256$" + "0" * 64, "0" * 64, STORED + "$x", STORED.upper(),
     _with(STORED, 1, "40"), _with(STORED, 1, "-1"), _with(STORED, 1, "١٥"), _with(STORED, 4, "%%%"),
     _with(STORED, 4, "AAAA"), _with(STORED, 5, "AAAA"), "scrypt$20$32$4$" + STORED.split("$", 4)[4]],
)
def test_a_malformed_string_is_a_no_not_an_exception(stored: str) -> None:
    # A parameter that would ask for gigabytes is refused before scrypt runs.
    assert verify_pin(stored, PIN) is False
    with pytest.raises(PinHashError):
        parse(stored)


def test_a_pin_that_is_not_text_is_a_no() -> None:
    assert verify_pin(STORED, "24681\udcff") is False


def test_the_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = []

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return a == b

    monkeypatch.setattr(pin_hash.hmac, "compare_digest", spy)
    assert verify_pin(STORED, PIN) and not verify_pin(STORED, "135790")
    assert len(compared) == 2
