"""ISO/IEC 7816-4 status words (section 5.6), named once for the whole reader side.

A chip answers every command with two bytes, and each layer asks its own question of
them: the file system "is the file there?", BAC and PACE "was the key wrong?", secure
messaging "may this answer come unprotected?". Named here, as JMRTD takes them from
scuba's `ISO7816` interface, they read the same in every module, and a test keeps any
other module from spelling one as a number. The chip emulator under `tests/` keeps its
own numbers on purpose: a chip that took its answers from this module would agree with
the reader even where both were wrong.
"""

from __future__ import annotations

SW_NO_ERROR = 0x9000
SW_END_OF_FILE = 0x6282                      # fewer bytes than Le: the file ended first
SW_VERIFICATION_FAILED = 0x6300              # warning, no detail: a failed authentication
SW_WRONG_LENGTH = 0x6700
SW_COMMAND_INCOMPATIBLE = 0x6981             # with the file's structure
SW_SECURITY_STATUS_NOT_SATISFIED = 0x6982    # BAC or PACE first
SW_SM_DATA_OBJECTS_INCORRECT = 0x6988
SW_WRONG_DATA = 0x6A80                       # incorrect parameters in the data field
SW_FUNCTION_NOT_SUPPORTED = 0x6A81
SW_FILE_NOT_FOUND = 0x6A82                   # file or application not found
SW_RECORD_NOT_FOUND = 0x6A83
SW_INCORRECT_P1P2 = 0x6A86
SW_LC_INCONSISTENT_WITH_P1P2 = 0x6A87
SW_REFERENCED_DATA_NOT_FOUND = 0x6A88
SW_WRONG_P1P2 = 0x6B00                       # for READ BINARY: offset outside the file
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00

# 63Cx: verification failed, x tries left (PACE chips count the password's tries).
SW_TRIES_LEFT = range(0x63C0, 0x63D0)

# The first byte alone, where the second carries a number or a detail.
SW1_BYTES_REMAINING = 0x61
SW1_WARNING_UNCHANGED = 0x62
SW1_WARNING_CHANGED = 0x63
SW1_WRONG_LE = 0x6C                          # 6Cxx: xx is the Le to ask for

# What chips answer a wrong BAC key or PACE password with: ICAO 9303-11 names no status
# word for it, and issuers differ.
KEY_REJECTED = (SW_VERIFICATION_FAILED, SW_SECURITY_STATUS_NOT_SATISFIED, SW_WRONG_DATA,
                SW_SM_DATA_OBJECTS_INCORRECT)

# "I do not know this command": a chip without BAC answers GET CHALLENGE so.
NOT_SUPPORTED = frozenset({SW_INS_NOT_SUPPORTED, SW_CLA_NOT_SUPPORTED, SW_FUNCTION_NOT_SUPPORTED,
                           SW_INCORRECT_P1P2, SW_REFERENCED_DATA_NOT_FOUND})


def sw1(sw: int) -> int:
    return sw >> 8


def right_le(sw: int) -> int | None:
    """The Le a 6Cxx answer asks for (xx = 00 means 256); None for any other answer."""
    if sw1(sw) != SW1_WRONG_LE:
        return None
    return (sw & 0xFF) or 256


def read_ok(sw: int) -> bool:
    """READ BINARY answered with data: fully, or up to the file's end."""
    return sw in (SW_NO_ERROR, SW_END_OF_FILE)


def must_be_protected(sw: int) -> bool:
    """Success and warnings: under secure messaging a chip sends these only inside a
    protected answer, so a bare one is forged (ICAO 9303-11 9.8)."""
    return sw == SW_NO_ERROR or sw1(sw) in (SW1_BYTES_REMAINING, SW1_WARNING_UNCHANGED, SW1_WARNING_CHANGED)
