"""resources/api/office.openapi.yaml is a valid OpenAPI 3.1 document, and says what matters."""

from __future__ import annotations

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from tests.emulators.office import contract


def test_the_document_validates() -> None:
    spec, _ = read_from_filename(str(contract.PATH))
    validate(spec)   # raises on any error


def test_mutual_tls_everywhere() -> None:
    doc = contract.document()
    assert doc["components"]["securitySchemes"]["kioskCertificate"]["type"] == "mutualTLS"
    assert doc["security"] == [{"kioskCertificate": []}]


def test_a_reference_lookup_answers_nothing_about_the_holder() -> None:
    """Only the photo and a lookup id before the face matched: the record's fields are
    refused in the first answer, and the second call needs the face check."""
    schemas = contract.document()["components"]["schemas"]
    assert set(schemas["ReferenceLookup"]["properties"]) == {"lookup_id", "reference_photo_jpeg", "expires_in_seconds"}
    assert schemas["ReferenceLookup"]["additionalProperties"] is False
    leaked = {"lookup_id": "a" * 16, "reference_photo_jpeg": "AAAA", "expires_in_seconds": 60, "surname": "X"}
    assert contract.response_errors("/reference-lookups", "post", 200, "application/json", leaked)
    _, record = contract.operation("/reference-lookups/abcdefghijklmnop/record", "post")
    assert record["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/FaceMatch")


def test_no_personal_data_in_a_url() -> None:
    for template, item in contract.document()["paths"].items():
        for method, op in item.items():
            names = {p.get("name", p.get("$ref", "").rsplit("/", 1)[-1]) for p in op.get("parameters", [])}
            assert not names & {"id_number", "phone", "code"}, (method, template)
