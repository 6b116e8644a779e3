"""resources/api/office.openapi.yaml as a checker of requests and answers.

Built on openapi-schema-validator (OpenAPI 3.1's dialect of JSON Schema, `$ref`s into
the document resolved by `referencing`), so that the reference office and the kiosk's
client are judged by the document itself and not by a copy of its rules. Test-only: the
kiosk does not validate the office's answers against a schema, it reads the few fields
it needs defensively (kiosk.office_client).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

PATH = Path(__file__).resolve().parents[3] / "resources" / "api" / "office.openapi.yaml"
URI = "urn:office-openapi"


@functools.cache
def document() -> dict[str, Any]:
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


@functools.cache
def _registry() -> Registry:
    return Registry().with_resource(URI, Resource.from_contents(document(), default_specification=DRAFT202012))


def _errors(instance: Any, schema: dict[str, Any]) -> list[str]:
    validator = OAS31Validator({"$ref": URI + schema["$ref"]} if "$ref" in schema else schema,
                               registry=_registry(), format_checker=oas31_format_checker)
    # Pointers and rules only: the values are personal data.
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.validator}" for e in validator.iter_errors(instance))


def operation(path: str, method: str) -> tuple[str, dict[str, Any]]:
    """The document's path template matching a concrete `path` (without the base), and its operation."""
    for template, item in document()["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    raise KeyError(f"{method.upper()} {path} is not in the contract")


def request_errors(path: str, method: str, body: Any) -> list[str]:
    _, op = operation(path, method)
    if "requestBody" not in op:
        return [] if body in (None, b"") else ["(root): the operation takes no body"]
    return _errors(body, op["requestBody"]["content"]["application/json"]["schema"])


def response_errors(path: str, method: str, status: int, content_type: str, body: Any) -> list[str]:
    _, op = operation(path, method)
    answer = op["responses"].get(str(status))
    if answer is None:
        return [f"status {status} is not documented"]
    if "$ref" in answer:
        answer = document()["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
    media = content_type.split(";")[0].strip()
    content = answer.get("content", {})
    if media not in content:
        return [f"{media} is not documented for status {status}"]
    return _errors(body, content[media]["schema"])
