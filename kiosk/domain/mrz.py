"""ICAO Doc 9303 machine-readable zones: TD1 cards (3x30) and TD3 passports (2x44).

The kiosk meets an MRZ three ways: printed on a card (OCR), inside a chip's DG1 (one
string of 90 or 88 characters) and as the input of the BAC key seed. All three use
this parser, and the demo card and tests use the formatters.

Hand-written rather than the `mrz` PyPI package: that package has had no release since
2020, is not in the lock, and reports failures as booleans where the kiosk needs to
name the check digit that failed; the rules themselves are short and fully specified.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

from kiosk.domain.errors import MrzError

__all__ = [
    "Mrz",
    "MrzError",
    "bac_key_seed_input",
    "bac_key_seed_input_for",
    "check_digit",
    "char_value",
    "format_td1",
    "format_td3",
    "parse_mrz",
]

FILLER = "<"
_WEIGHTS = (7, 3, 1)
_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")


def char_value(c: str) -> int:
    """ICAO value of one MRZ character: digits as such, A-Z 10..35, filler 0."""
    if c == FILLER:
        return 0
    if "0" <= c <= "9":
        return ord(c) - ord("0")
    if "A" <= c <= "Z":
        return ord(c) - ord("A") + 10
    raise ValueError(f"{c!r} is not an MRZ character")


def check_digit(field: str) -> str:
    """Check digit of a field: sum of values weighted 7, 3, 1, 7, ... modulo 10."""
    return str(sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


@dataclass(frozen=True)
class Mrz:
    """A parsed MRZ whose check digits all agree. Personal fields stay out of repr()."""

    document_type: str                                # 'TD1' or 'TD3'
    document_code: str                                # e.g. 'P', 'I', 'ID' (fillers removed)
    issuing_state: str                                # ICAO code, fillers removed ('D' for Germany)
    document_number: str = field(repr=False)          # full, also when a TD1 number runs past 9
    document_number_check: str = field(repr=False)
    nationality: str = field(repr=False)
    birth_date: dt.date = field(repr=False)
    birth_date_text: str = field(repr=False)          # YYMMDD as printed
    birth_date_check: str = field(repr=False)
    sex: str = field(repr=False)                      # 'M', 'F' or 'X' (unspecified)
    expiry_date: dt.date = field(repr=False)
    expiry_date_text: str = field(repr=False)
    expiry_date_check: str = field(repr=False)
    surname: str = field(repr=False)                  # primary identifier, fillers -> spaces
    given_names: str = field(repr=False)              # secondary identifier
    optional_data: str = field(repr=False)            # TD3 personal number; TD1 line-1 optional data
    optional_data_2: str = field(repr=False)          # TD1 line-2 optional data; '' for TD3
    lines: tuple[str, ...] = field(repr=False)


# ---------------------------------------------------------------- parsing

def parse_mrz(text_or_lines: str | Sequence[str], today: dt.date | None = None) -> Mrz:
    """Parse a TD1 or TD3 MRZ and verify every check digit; raises MrzError.

    Accepts lines separated by newlines, a sequence of lines, or the single 90/88
    character string a chip's DG1 holds. Two-digit years: a birth year that would lie
    in the future belongs to the previous century; expiry years are read as 20YY.
    """
    today = today or dt.date.today()
    lines = _split_lines(text_or_lines)
    layout = _LAYOUTS.get((len(lines), len(lines[0]) if lines else 0))
    if layout is None or any(len(line) != len(lines[0]) for line in lines):
        shape = " + ".join(str(len(line)) for line in lines) or "nothing"
        raise MrzError("format", f"expected 3 lines of 30 (TD1) or 2 lines of 44 (TD3) characters, got {shape}")
    for line in lines:
        bad = set(line) - _ALLOWED
        if bad:
            raise MrzError("characters", "an MRZ holds only A-Z, 0-9 and '<'")
    return _parse(layout, lines, today)


def _split_lines(text_or_lines: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(text_or_lines, str):
        parts = text_or_lines.split()
    else:
        parts = [line.strip() for line in text_or_lines if line.strip()]
    if len(parts) == 1 and len(parts[0]) in (90, 88):
        one = parts[0]
        width = 30 if len(one) == 90 else 44
        parts = [one[i:i + width] for i in range(0, len(one), width)]
    return tuple(parts)


@dataclass(frozen=True)
class _Layout:
    """Where each field stands in one MRZ size: field name -> (line, start, stop).

    TD1 and TD3 hold the same fields in different places, and differ in two rules
    only: a TD1 document number longer than 9 characters overflows into the optional
    data (`long_number`), and only TD3 gives its optional data (the personal number)
    a check digit of its own (an ``optional_data_check`` entry).
    """

    name: str
    fields: dict[str, tuple[int, int, int]]
    composite: tuple[tuple[int, int, int], ...]   # the runs the composite check digit covers
    long_number: bool = False


_TD1 = _Layout(
    "TD1",
    fields={
        "document_code": (0, 0, 2),
        "issuing_state": (0, 2, 5),
        "document_number": (0, 5, 14),
        "document_number_check": (0, 14, 15),
        "optional_data": (0, 15, 30),
        "birth_date": (1, 0, 6),
        "birth_date_check": (1, 6, 7),
        "sex": (1, 7, 8),
        "expiry_date": (1, 8, 14),
        "expiry_date_check": (1, 14, 15),
        "nationality": (1, 15, 18),
        "optional_data_2": (1, 18, 29),
        "composite_check": (1, 29, 30),
        "names": (2, 0, 30),
    },
    composite=((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)),
    long_number=True,
)

_TD3 = _Layout(
    "TD3",
    fields={
        "document_code": (0, 0, 2),
        "issuing_state": (0, 2, 5),
        "names": (0, 5, 44),
        "document_number": (1, 0, 9),
        "document_number_check": (1, 9, 10),
        "nationality": (1, 10, 13),
        "birth_date": (1, 13, 19),
        "birth_date_check": (1, 19, 20),
        "sex": (1, 20, 21),
        "expiry_date": (1, 21, 27),
        "expiry_date_check": (1, 27, 28),
        "optional_data": (1, 28, 42),
        "optional_data_check": (1, 42, 43),
        "composite_check": (1, 43, 44),
    },
    composite=((1, 0, 10), (1, 13, 20), (1, 21, 43)),
)

_LAYOUTS = {(3, 30): _TD1, (2, 44): _TD3}


def _parse(layout: _Layout, lines: tuple[str, ...], today: dt.date) -> Mrz:
    def take(name: str) -> str:
        line, start, stop = layout.fields[name]
        return lines[line][start:stop]

    number, number_check, optional = take("document_number"), take("document_number_check"), take("optional_data")
    if layout.long_number and number_check == FILLER:
        # Long document number (Doc 9303 Part 5): the check position holds '<' and the
        # number continues in the optional data, followed by its check digit and a filler.
        overflow = optional.split(FILLER, 1)[0]
        if not overflow:
            raise MrzError(
                "document_number_check",
                "the document number check digit is missing",
                expected=check_digit(number),
            )
        number, number_check = number + overflow[:-1], overflow[-1]
        optional = optional[len(overflow):]
    _verify(number, number_check, "document_number_check", "document number")
    birth, expiry = take("birth_date"), take("expiry_date")
    _verify(birth, take("birth_date_check"), "birth_date_check", "birth date")
    _verify(expiry, take("expiry_date_check"), "expiry_date_check", "expiry date")
    if "optional_data_check" in layout.fields:
        optional_check = take("optional_data_check")
        # An empty personal number may carry '<' instead of a check digit (Doc 9303 Part 4).
        if not (_strip(optional) == "" and optional_check in (FILLER, "0")):
            _verify(optional, optional_check, "optional_data_check", "personal number")
    composite = "".join(lines[line][start:stop] for line, start, stop in layout.composite)
    _verify(composite, take("composite_check"), "composite_check", "composite")
    surname, given = _names(take("names"))
    return Mrz(
        document_type=layout.name,
        document_code=_strip(take("document_code")),
        issuing_state=_strip(take("issuing_state")),
        document_number=_strip(number),
        document_number_check=number_check,
        nationality=_strip(take("nationality")),
        birth_date=_birth_date(birth, today),
        birth_date_text=birth,
        birth_date_check=take("birth_date_check"),
        sex=_sex(take("sex")),
        expiry_date=_expiry_date(expiry),
        expiry_date_text=expiry,
        expiry_date_check=take("expiry_date_check"),
        surname=surname,
        given_names=given,
        optional_data=_strip(optional),
        optional_data_2=_strip(take("optional_data_2")) if "optional_data_2" in layout.fields else "",
        lines=lines,
    )


def _verify(field: str, check: str, code: str, label: str) -> None:
    expected = check_digit(field)
    if check != expected:
        raise MrzError(code, f"the {label} check digit does not match its data", expected)


def _strip(field: str) -> str:
    return field.strip(FILLER)


def _names(field: str) -> tuple[str, str]:
    primary, _, secondary = field.partition(FILLER * 2)
    return _words(primary), _words(secondary)


def _words(field: str) -> str:
    return " ".join(field.replace(FILLER, " ").split())


def _sex(c: str) -> str:
    return c if c in ("M", "F") else "X"


def _yymmdd(text: str, year: int, code: str, label: str) -> dt.date:
    try:
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    except ValueError:
        raise MrzError(code, f"the {label} is not a real date") from None


def _birth_date(text: str, today: dt.date) -> dt.date:
    if not text.isdigit():
        raise MrzError("birth_date", "the birth date is not a real date")
    yy = int(text[:2])
    try:
        candidate = dt.date(2000 + yy, int(text[2:4]), int(text[4:6]))
        if candidate <= today:
            return candidate
    except ValueError:
        pass  # e.g. month 13; the previous century's attempt below reports it
    return _yymmdd(text, 1900 + yy, "birth_date", "birth date")


def _expiry_date(text: str) -> dt.date:
    if not text.isdigit():
        raise MrzError("expiry_date", "the expiry date is not a real date")
    return _yymmdd(text, 2000 + int(text[:2]), "expiry_date", "expiry date")


# ---------------------------------------------------------------- BAC

def bac_key_seed_input(mrz: Mrz | str | Sequence[str]) -> str:
    """Document number + check, birth date + check, expiry + check (Doc 9303 Part 11).

    This is the 'MRZ information' whose SHA-1 gives K_seed for Basic Access Control.
    """
    if not isinstance(mrz, Mrz):
        mrz = parse_mrz(mrz)
    return (
        mrz.document_number.ljust(9, FILLER) + mrz.document_number_check
        + mrz.birth_date_text + mrz.birth_date_check
        + mrz.expiry_date_text + mrz.expiry_date_check
    )


def bac_key_seed_input_for(document_number: str, birth_date: dt.date, expiry_date: dt.date) -> str:
    """The same string from fields known without an MRZ (printed on the card, typed in)."""
    number = _field(document_number, max(9, len(document_number)), "document number")
    birth, expiry = f"{birth_date:%y%m%d}", f"{expiry_date:%y%m%d}"
    return number + check_digit(number) + birth + check_digit(birth) + expiry + check_digit(expiry)


# ---------------------------------------------------------------- formatting

def format_td3(
    *,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: dt.date,
    sex: str,
    expiry_date: dt.date,
    issuing_state: str | None = None,
    document_code: str = "P",
    personal_number: str = "",
) -> str:
    """Two 44-character lines joined by a newline, with every check digit computed."""
    number = _field(document_number, 9, "document number")
    personal = _field(personal_number, 14, "personal number")
    l1 = (
        _field(document_code, 2, "document code")
        + _field(issuing_state or nationality, 3, "issuing state")
        + _name_field(surname, given_names, 39)
    )
    birth, expiry = f"{birth_date:%y%m%d}", f"{expiry_date:%y%m%d}"
    l2 = (
        number + check_digit(number)
        + _field(nationality, 3, "nationality")
        + birth + check_digit(birth)
        + _sex_char(sex)
        + expiry + check_digit(expiry)
        + personal + check_digit(personal)
    )
    l2 += check_digit(l2[0:10] + l2[13:20] + l2[21:43])
    return f"{l1}\n{l2}"


def format_td1(
    *,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: dt.date,
    sex: str,
    expiry_date: dt.date,
    issuing_state: str | None = None,
    document_code: str = "I",
    optional_data: str = "",
    optional_data_2: str = "",
) -> str:
    """Three 30-character lines joined by newlines, with every check digit computed.

    A document number longer than 9 characters follows the Doc 9303 convention: its
    first 9 characters, '<' in the check position, the rest plus the check digit and a
    filler at the start of the optional data.
    """
    full_number = _field(document_number, max(9, len(document_number)), "document number")
    if len(full_number) > 9:
        number_part = full_number[:9] + FILLER
        optional = full_number[9:] + check_digit(full_number) + FILLER + optional_data
    else:
        number_part = full_number + check_digit(full_number)
        optional = optional_data
    l1 = (
        _field(document_code, 2, "document code")
        + _field(issuing_state or nationality, 3, "issuing state")
        + number_part
        + _field(optional, 15, "optional data (with any long document number)")
    )
    birth, expiry = f"{birth_date:%y%m%d}", f"{expiry_date:%y%m%d}"
    l2 = (
        birth + check_digit(birth)
        + _sex_char(sex)
        + expiry + check_digit(expiry)
        + _field(nationality, 3, "nationality")
        + _field(optional_data_2, 11, "optional data 2")
    )
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    l3 = _name_field(surname, given_names, 30)
    return f"{l1}\n{l2}\n{l3}"


def _field(value: str, length: int, label: str) -> str:
    text = value.upper().replace(" ", FILLER)
    if len(text) > length:
        raise ValueError(f"{label} is longer than {length} characters")
    if set(text) - _ALLOWED:
        raise ValueError(f"{label} holds characters an MRZ cannot")
    return text.ljust(length, FILLER)


def _sex_char(sex: str) -> str:
    if sex in ("M", "F"):
        return sex
    if sex in ("X", FILLER, ""):
        return FILLER
    raise ValueError("sex must be 'M', 'F' or 'X'")


def _name_part(name: str) -> str:
    # Latin letters with diacritics lose them (Vietnamese 'Nguyễn' -> 'NGUYEN'; 'Đ' has no
    # decomposition, hence the explicit mapping); spaces and hyphens become fillers,
    # apostrophes vanish, as Doc 9303 Part 3 prescribes. Han characters must arrive as
    # pinyin: no table here could guess them.
    folded = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in folded if not unicodedata.combining(c)).upper()
    text = text.replace("'", "").replace(",", "").replace(".", "")
    text = FILLER.join(text.replace("-", " ").split())
    if set(text) - _ALLOWED:
        raise ValueError("a name needs transliteration to Latin letters first")
    return text


def _name_field(surname: str, given_names: str, length: int) -> str:
    """Primary and secondary identifiers, cut to the field (simple truncation)."""
    given = _name_part(given_names)
    name = _name_part(surname) + (FILLER * 2 + given if given else "")
    return name[:length].ljust(length, FILLER)
