"""Contact details the office uses to reach the citizen when the new card is ready."""

from __future__ import annotations

import re

# Mobile numbers only: the office sends an SMS when the card is ready.
_MOBILE = {
    "CHN": re.compile(r"1[3-9]\d{9}"),        # 11 digits, 13x-19x
    "VNM": re.compile(r"0[35789]\d{8}"),       # 10 digits, 03x/05x/07x/08x/09x
}


def normalise_phone(text: str) -> str:
    return re.sub(r"[\s\-()]", "", text)


def valid_mobile(text: str, country: str) -> bool:
    pattern = _MOBILE.get(country)
    return bool(pattern and pattern.fullmatch(normalise_phone(text)))
