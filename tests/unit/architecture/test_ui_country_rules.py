"""The screens decide nothing about countries: they ask `kiosk.domain.country_rules`.

How long an ID number is, how it is grouped, whether it may end in X, how many digits a
mobile number has: a screen that switches on "VNM" keeps a country rule where nobody
adding a country would look. So no module under `ui/` holds a country code literal or
compares a country with anything.

Nor about cases: who may type their number or use the chip is a rule of
`kiosk.domain.cases` that the workflow enforces and answers (`may_type_number`,
`may_use_chip`). A screen may name a `Case` to look up its words or symbol, never to
compare one: a comparison is a decision.
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

from kiosk.config.model import Country
from kiosk.domain.country_rules import COUNTRIES, id_number_format, mobile_format

ROOT = Path(__file__).resolve().parents[3]
CODES = frozenset(COUNTRIES) | frozenset(typing.get_args(Country))


def _is_country(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "country") or (
        isinstance(node, ast.Name) and node.id == "country")


def test_no_ui_module_holds_a_country_code_or_compares_a_country():
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and node.value in CODES:
                found.append(f"{where} {node.value!r}")
            elif isinstance(node, ast.Compare) and any(map(_is_country, [node.left, *node.comparators])):
                found.append(f"{where} {ast.unparse(node)}")
    assert found == []


def _is_case_member(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Case"


def test_no_ui_module_compares_a_case():
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Compare):
                decision: ast.AST = node
            elif isinstance(node, ast.match_case):
                decision = node.pattern        # `case Case.LOST:` compares too
            else:
                continue
            if any(map(_is_case_member, ast.walk(decision))):
                found.append(f"{path.relative_to(ROOT)}:{decision.lineno} {ast.unparse(decision)}")
    assert found == []


def test_every_country_the_configuration_allows_has_its_formats():
    for country in typing.get_args(Country):
        assert id_number_format(country).length > 0 and mobile_format(country).example
