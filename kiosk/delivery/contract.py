"""The intake contract (resources/api/intake.openapi.yaml), loaded and checked against.

The document is the single source of truth: the reference intake server validates
requests against its schemas, and the tests check every answer the server gives
against it, so the server, the kiosk and the document cannot drift apart.

The validator below is hand-written because no JSON Schema library is a dependency
(`jsonschema` would be one more package for a test double). It implements exactly the
keywords the document uses, and `Contract` refuses to load a document that uses any
other validation keyword, so a schema can never be silently half-checked. Error
messages name the JSON pointer and the rule, never the offending value (the values are
personal data).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "resources" / "api" / "intake.openapi.yaml"

VALIDATION_KEYWORDS = frozenset({
    "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const",
    "pattern", "minLength", "maxLength", "minimum", "maximum", "format", "contentEncoding",
    "if", "then", "else",
})
ANNOTATION_KEYWORDS = frozenset({"description", "title", "examples", "contentMediaType", "default"})

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


class ContractError(Exception):
    """The document uses something this module does not implement."""


@dataclass(frozen=True)
class Contract:
    document: dict[str, Any]

    def __post_init__(self) -> None:
        for pointer, schema in _schemas(self.document.get("components", {}).get("schemas", {}), "#/components/schemas"):
            unknown = set(schema) - VALIDATION_KEYWORDS - ANNOTATION_KEYWORDS
            if unknown:
                raise ContractError(f"{pointer} uses unsupported keywords {sorted(unknown)}")

    # -- looking things up -----------------------------------------------------------

    def operation(self, path: str, method: str) -> dict[str, Any]:
        return self.document["paths"][path][method.lower()]

    def request_schema(self, path: str, method: str) -> dict[str, Any]:
        op = self.operation(path, method)
        return self.resolve(op["requestBody"]["content"]["application/json"]["schema"])

    def header_schema(self, path: str, method: str, name: str) -> dict[str, Any]:
        for param in self.operation(path, method).get("parameters", []):
            if param["in"] == "header" and param["name"].lower() == name.lower():
                return self.resolve(param["schema"])
        raise KeyError(name)

    def documented_statuses(self, path: str, method: str) -> set[int]:
        return {int(code) for code in self.operation(path, method)["responses"]}

    def response(self, path: str, method: str, status: int) -> dict[str, Any]:
        return self.resolve(self.operation(path, method)["responses"][str(status)])

    def response_schema(self, path: str, method: str, status: int, media_type: str) -> dict[str, Any]:
        return self.resolve(self.response(path, method, status)["content"][media_type]["schema"])

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ContractError(f"only local references are supported, not {ref}")
            target: Any = self.document
            for part in ref[2:].split("/"):
                target = target[part]
            node = target
        return node

    # -- validation ------------------------------------------------------------------

    def validate(self, instance: Any, schema: dict[str, Any], pointer: str = "") -> list[tuple[str, str]]:
        """Every violation as (JSON pointer, rule broken); empty when `instance` conforms."""
        errors: list[tuple[str, str]] = []
        self._check(instance, self.resolve(schema), pointer, errors)
        return errors

    def _check(self, value: Any, schema: dict[str, Any], at: str, errors: list[tuple[str, str]]) -> None:
        schema = self.resolve(schema)
        if "const" in schema and not _same(value, schema["const"]):
            errors.append((at, f"must be {schema['const']!r}"))
            return
        if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
            errors.append((at, "must be one of " + ", ".join(map(str, schema["enum"]))))
            return
        if "type" in schema:
            allowed = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(value, t) for t in allowed):
                errors.append((at, f"must be of type {' or '.join(allowed)}"))
                return
        if isinstance(value, str):
            self._check_string(value, schema, at, errors)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                errors.append((at, f"must be at least {schema['minimum']}"))
            if "maximum" in schema and value > schema["maximum"]:
                errors.append((at, f"must be at most {schema['maximum']}"))
        elif isinstance(value, dict):
            props = schema.get("properties", {})
            for name in schema.get("required", []):
                if name not in value:
                    errors.append((f"{at}/{_escape(name)}", "is required"))
            extra = schema.get("additionalProperties", True)
            for name, item in value.items():
                where = f"{at}/{_escape(name)}"
                if name in props:
                    self._check(item, props[name], where, errors)
                elif extra is False:
                    errors.append((where, "is not allowed"))
                elif isinstance(extra, dict):
                    self._check(item, extra, where, errors)
        elif isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value):
                self._check(item, schema["items"], f"{at}/{index}", errors)
        if "if" in schema:   # JSON Schema 2020-12: the branch the condition picks applies
            branch = "else" if self.validate(value, schema["if"]) else "then"
            if branch in schema:
                self._check(value, schema[branch], at, errors)

    def _check_string(self, value: str, schema: dict[str, Any], at: str, errors: list[tuple[str, str]]) -> None:
        if "minLength" in schema and len(value) < schema["minLength"]:
            errors.append((at, f"must have at least {schema['minLength']} characters"))
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errors.append((at, f"must have at most {schema['maxLength']} characters"))
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append((at, "does not match the required pattern"))
        fmt = schema.get("format")
        if fmt == "date" and not _parses(dt.date.fromisoformat, value, length=10):
            errors.append((at, "must be a date (YYYY-MM-DD)"))
        elif fmt == "date-time" and not _is_datetime(value):
            errors.append((at, "must be a date-time with a time zone (RFC 3339)"))
        elif fmt is not None and fmt not in ("date", "date-time"):
            raise ContractError(f"format {fmt!r} is not implemented")
        encoding = schema.get("contentEncoding")
        if encoding == "base64":
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                errors.append((at, "must be base64"))
        elif encoding is not None:
            raise ContractError(f"contentEncoding {encoding!r} is not implemented")


@functools.lru_cache(maxsize=4)
def load_contract(path: Path = DEFAULT_PATH) -> Contract:
    import yaml  # PyYAML; only the intake server and the tests read the document

    with open(path, encoding="utf-8") as f:
        return Contract(yaml.safe_load(f))


def _schemas(node: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object nested in `node` (a mapping of named schemas)."""
    if not isinstance(node, dict):
        return
    for name, schema in node.items():
        yield from _walk(schema, f"{pointer}/{name}")


def _walk(schema: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(schema, dict):
        return
    yield pointer, schema
    for name, sub in schema.get("properties", {}).items():
        yield from _walk(sub, f"{pointer}/properties/{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from _walk(schema[key], f"{pointer}/{key}")


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def _same(a: Any, b: Any) -> bool:
    # JSON Schema: true is not 1, although Python says so.
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _parses(fn: Any, value: str, length: int | None = None) -> bool:
    if length is not None and len(value) != length:
        return False
    try:
        fn(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: str) -> bool:
    # RFC 3339 wants a date, "T", a time and an offset; fromisoformat is laxer on its own.
    if not re.match(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", value):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return False
    return True
