"""A postal address as the citizen gives it: administrative regions picked from the
official list, plus a street line typed in their own script.

Kept in parts (each region's official code and name, then the street) because the post
office sorts by the codes, while the envelope and the receipt need one line written in
the country's order: from the largest region down in China (广东省广州市天河区体育西路1号),
from the street up in Viet Nam (12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

MAX_STREET = 120
MIN_STREET = 2


@dataclass(frozen=True)
class Region:
    code: str   # the official code (GB/T 2260 for China, the statistics office's for Viet Nam)
    name: str   # the official name in the country's script


@dataclass(frozen=True)
class PostalAddress:
    country: str                  # "CHN" | "VNM"
    regions: tuple[Region, ...]   # largest first: province, then city/district or ward
    street: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "street", normalise_street(self.street))
        object.__setattr__(self, "regions", tuple(self.regions))

    def one_line(self) -> str:
        names: list[str] = []
        for r in self.regions:
            # Municipalities repeat themselves one level down (北京市 > 北京市 > 朝阳区).
            if not names or names[-1] != r.name:
                names.append(r.name)
        if self.country == "CHN":
            return "".join(names) + self.street
        return ", ".join([self.street, *reversed(names)]) if self.street else ", ".join(reversed(names))

    def to_payload(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "regions": [{"code": r.code, "name": r.name} for r in self.regions],
            "street": self.street,
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> PostalAddress:
        return cls(
            country=data["country"],
            regions=tuple(Region(str(r["code"]), str(r["name"])) for r in data["regions"]),
            street=data["street"],
        )


def normalise_street(text: str) -> str:
    """NFC (an IME's decomposed marks would compare and print differently), no leading,
    trailing or double spaces, no control characters."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    return " ".join(text.split())
