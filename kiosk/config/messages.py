"""pydantic's validation errors, reworded for a technician editing a TOML file.

pydantic says "Input should be greater than 0"; a technician needs "must be a whole
number greater than 0 (got -5)". Rather than rewording each of pydantic's many error
types, every error about a value's type or range is worded from the field itself
(its type and bounds, or its `expect` text), so all such errors read alike.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import types
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Iterable, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from kiosk.config.model import CONFIG_PROBLEMS_ERROR, CONFIG_VALUE_ERROR, KioskConfig

Loc = tuple[str | int, ...]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_SHOWN_CHARS = 60


@dataclass
class FieldSpot:
    """What the model says about the value at one location."""

    annotation: Any
    metadata: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def dotted(loc: Iterable[str | int]) -> str:
    """``('kiosk', 'languages', 1)`` -> ``kiosk.languages[1]``; odd keys are quoted."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if _BARE_KEY.match(part) else json.dumps(part, ensure_ascii=False)
            text += f".{name}" if text else name
    return text


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _unannotated(annotation: Any) -> tuple[Any, list[Any]]:
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        return base, list(metadata)
    return annotation, []


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def field_at(loc: Loc, model: type[BaseModel] = KioskConfig) -> FieldSpot | None:
    """The field (or list item) at `loc`, or None when the model has no such place."""
    spot = FieldSpot(model)
    for part in loc:
        annotation = _without_none(spot.annotation)
        if isinstance(part, str) and _is_model(annotation):
            info = annotation.model_fields.get(part)
            if info is None:
                return None
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            spot = FieldSpot(info.annotation, list(info.metadata), dict(extra))
        elif isinstance(part, int) and get_origin(annotation) in (list, tuple):
            item, metadata = _unannotated(get_args(annotation)[0])
            spot = FieldSpot(item, metadata)
        else:
            return None
    return spot


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bounds(metadata: list[Any]) -> str:
    bounds: dict[str, Any] = {}
    for item in metadata:
        for name in ("gt", "ge", "lt", "le"):
            if isinstance(item, getattr(annotated_types, name.capitalize())):
                bounds[name] = _number(getattr(item, name))
    low = "gt" if "gt" in bounds else "ge" if "ge" in bounds else None
    high = "lt" if "lt" in bounds else "le" if "le" in bounds else None
    if low == "ge" and high == "le":
        return f" from {bounds['ge']} to {bounds['le']}"
    words = {
        "gt": f"greater than {bounds.get('gt')}",
        "ge": f"of {bounds.get('ge')} or more" if high is None else f"of at least {bounds.get('ge')}",
        "lt": f"less than {bounds.get('lt')}",
        "le": f"of {bounds.get('le')} or less" if low is None else f"at most {bounds.get('le')}",
    }
    return "".join(f" {words[b]}" if i == 0 else f" and {words[b]}" for i, b in enumerate(x for x in (low, high) if x))


def describe(spot: FieldSpot, key: str = "") -> str:
    """The allowed values in plain words, to follow "must be"."""
    if "expect" in spot.extra:
        return spot.extra["expect"]
    annotation, metadata = _unannotated(_without_none(spot.annotation))
    metadata = spot.metadata + metadata
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "a whole number" + _bounds(metadata)
    if annotation is float:
        return "a number" + _bounds(metadata)
    if annotation is Decimal:
        return "an amount" + _bounds(metadata)
    if annotation is str:
        short = any(isinstance(m, annotated_types.MinLen) and m.min_length > 0 for m in metadata)
        return "non-empty text" if short else "text"
    if annotation is Path:
        return "a path (text)"
    if get_origin(annotation) is Literal:
        choices = [json.dumps(arg) if isinstance(arg, str) else str(arg) for arg in get_args(annotation)]
        return choices[0] if len(choices) == 1 else "one of " + ", ".join(choices)
    if get_origin(annotation) in (list, tuple):
        return "a list"
    if _is_model(annotation):
        return f"a table of settings ([{key}])" if key else "a table of settings"
    return "a valid value"


def show(value: Any) -> str:
    """A value as it would be written in TOML, shortened if long."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, (int, float, Decimal)):
        text = str(value)
    elif isinstance(value, (dt.date, dt.time, dt.datetime)):
        text = value.isoformat()
    elif isinstance(value, dict):
        return "a table"
    elif isinstance(value, (list, tuple)):
        text = "[" + ", ".join(show(item) for item in value) + "]"
    elif isinstance(value, Path):
        text = json.dumps(str(value), ensure_ascii=False)
    else:
        text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."


def _got(spot: FieldSpot | None, value: Any) -> str:
    if spot is not None and spot.extra.get("secret"):
        return ""
    return f" (got {show(value)})"


def _unknown_key(loc: Loc) -> str:
    parent = field_at(loc[:-1])
    owner = _without_none(parent.annotation) if parent is not None else None
    if not _is_model(owner):
        return "unknown key"
    known = list(owner.model_fields)
    name = str(loc[-1])
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
    if close:
        return f'unknown key; did you mean "{close[0]}"?'
    where = f"[{dotted(loc[:-1])}]" if loc[:-1] else "the top level"
    return f"unknown key; {where} has " + ", ".join(known)


def reword(error: ErrorDetails) -> list[tuple[Loc, str]]:
    """One pydantic error as (location, plain-words problem) pairs."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == CONFIG_PROBLEMS_ERROR:
        return [
            (loc + tuple(key.split(".")), message)
            for key, message in ctx.get("problems", ((dotted(loc), error["msg"]),))
        ]
    if kind == "extra_forbidden":
        return [(loc, _unknown_key(loc))]
    if kind == "missing":
        return [(loc, "is required")]
    if kind == "string_unicode":  # an environment variable holding bytes that are not UTF-8
        return [(loc, "must be UTF-8 text (it holds bytes that are not)" + _got(field_at(loc), error["input"]))]
    spot = field_at(loc)
    if kind == CONFIG_VALUE_ERROR or spot is None:
        return [(loc, error["msg"] + _got(spot, error["input"]))]
    return [(loc, f"must be {describe(spot, dotted(loc))}" + _got(spot, error["input"]))]
