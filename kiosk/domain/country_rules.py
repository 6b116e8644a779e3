"""How each country writes the numbers a citizen types: what the screens ask, by country.

The keypads show one slot per character, in the groups in which a number is printed on
the card (an ID number) or said aloud (a mobile number), and offer the key X only where
the last character of an ID number can be the letter X. Those are facts about a
country, not about a screen, so they live here beside the rules that check the numbers
(`id_numbers`, `contact`): a screen asks `id_number_format(country)` or
`mobile_format(country)` and never compares country codes itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain import chinese_id, vietnam_id

# The configuration's default document country (kiosk.config: document.country), for
# callers that word a problem without naming one.
DEFAULT_COUNTRY = "CHN"


@dataclass(frozen=True)
class NumberFormat:
    length: int                    # characters to type
    grouping: tuple[int, ...]      # group sizes, as printed or said
    check_letter: bool = False     # the last character may be X (ISO 7064 MOD 11-2 check value 10)
    example: str = ""              # a well-formed number that is nobody's (demos, screenshots)


_ID_NUMBERS = {
    # region, birth date, sequence + check character
    "CHN": NumberFormat(chinese_id.LENGTH, (6, 8, 4), check_letter=True),
    # province, century/sex + birth year, serial; no check character at all
    "VNM": NumberFormat(vietnam_id.LENGTH, (3, 3, 6)),
}
_MOBILES = {
    "CHN": NumberFormat(11, (3, 4, 4), example="13800138000"),
    "VNM": NumberFormat(10, (4, 3, 3), example="0912345678"),
}
COUNTRIES = frozenset(_ID_NUMBERS)
# Cards whose front carries a QR code with the holder's number (Viet Nam's chip CCCD:
# kiosk.codes.cccd), so the camera can read the number instead of the citizen typing it.
_CARD_QR = frozenset({"VNM"})


def id_number_format(country: str) -> NumberFormat:
    """How `country`'s ID number is typed ('CHN' or 'VNM'); ValueError for another."""
    return _lookup(_ID_NUMBERS, country)


def card_has_qr(country: str) -> bool:
    """Whether `country`'s ID card carries a QR code with the holder's number."""
    return country in _CARD_QR


def mobile_format(country: str) -> NumberFormat:
    """How a mobile number of `country` is typed; ValueError for another country."""
    return _lookup(_MOBILES, country)


def _lookup(table: dict[str, NumberFormat], country: str) -> NumberFormat:
    try:
        return table[country]
    except KeyError:
        raise ValueError(f"no number formats for country {country!r}; known: {sorted(table)}") from None


# How a street line is typed in each country: pinyin giving Chinese characters, Telex
# giving Vietnamese with its diacritics (what citizens type on their phones).
_STREET_SCRIPTS = {"CHN": "pinyin", "VNM": "telex"}


def street_script(country: str) -> str:
    """"pinyin" | "telex" | "latin": the keyboard for the street line of an address."""
    return _STREET_SCRIPTS.get(country, "latin")
