"""One door to the national ID number rules, for the workflow and the `kiosk id check` CLI.

`check_id_number` never raises on bad input: it returns a JSON-ready verdict, because
the CLI and the technician screens need to show *why* a number is wrong, not crash.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from kiosk.domain.chinese_id import ChineseId, parse_chinese_id
from kiosk.domain.errors import InvalidIdNumber
from kiosk.domain.vietnam_id import VietnamId, parse_vietnam_id

__all__ = ["InvalidIdNumber", "check_id_number", "parse_id_number", "KINDS"]

# Scheme ('CHN'/'VNM', ICAO country codes) -> kind reported in JSON.
KINDS = {"CHN": "CHN-RIC", "VNM": "VNM-PID"}
_SCHEME_BY_LENGTH = {18: "CHN", 12: "VNM"}


def parse_id_number(text: str, country: str, today: dt.date | None = None) -> ChineseId | VietnamId:
    """Parse a number of the given country ('CHN' or 'VNM'); raises InvalidIdNumber."""
    scheme = _scheme(country)
    if scheme == "CHN":
        return parse_chinese_id(text, today)
    return parse_vietnam_id(text, today)


def check_id_number(text: str, scheme: str | None = None, today: dt.date | None = None) -> dict[str, Any]:
    """Verdict on a number as a JSON-ready dict; guesses the scheme by length when not given.

    Valid: {"input", "kind", "valid": True, "number", "birth_date" (CHN, ISO) or
    "birth_year" (VNM), "sex", "region": {...}}.
    Invalid: {"input", "kind" (None when not guessable), "valid": False,
    "error": {"code", "message"}, "expected_check_character" (wrong check character only)}.
    """
    chosen = _scheme(scheme) if scheme is not None else _guess_scheme(text)
    if chosen is None:
        return {
            "input": text,
            "kind": None,
            "valid": False,
            "error": {
                "code": "length",
                "message": "expected 18 characters (Chinese ID number) or 12 digits (Vietnamese ID number)",
            },
        }
    try:
        parsed = parse_id_number(text, chosen, today)
    except InvalidIdNumber as exc:
        verdict: dict[str, Any] = {
            "input": text,
            "kind": KINDS[chosen],
            "valid": False,
            "error": {"code": exc.code, "message": exc.message},
        }
        if exc.expected_check is not None:
            verdict["expected_check_character"] = exc.expected_check
        return verdict
    return {"input": text, "kind": KINDS[chosen], "valid": True, **_describe(parsed)}


def _describe(parsed: ChineseId | VietnamId) -> dict[str, Any]:
    if isinstance(parsed, ChineseId):
        return {
            "number": parsed.number,
            "birth_date": parsed.birth_date.isoformat(),
            "sex": parsed.sex,
            "region": {
                "code": parsed.region_code,
                "province_code": parsed.province.code,
                "name_zh": parsed.province.name_local,
                "name_en": parsed.province.name_en,
            },
        }
    return {
        "number": parsed.number,
        "birth_year": parsed.birth_year,
        "sex": parsed.sex,
        "region": {
            "code": parsed.province_code,
            "province_code": parsed.province.code,
            "name_vi": parsed.province.name_local,
            "name_en": parsed.province.name_en,
        },
    }


def _scheme(name: str) -> str:
    scheme = name.strip().upper()
    if scheme not in KINDS:
        raise ValueError(f"unknown ID number scheme {name!r}; use 'CHN' or 'VNM'")
    return scheme


def _guess_scheme(text: str) -> str | None:
    # Same normalisation as the parsers, so "1101 0519 ..." is measured without its spaces.
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    return _SCHEME_BY_LENGTH.get(len(compact))
