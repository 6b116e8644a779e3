"""The reference intake answers exactly as resources/api/intake.openapi.yaml says.

Every answer is checked: its status is documented for the operation, its media type and
body match the documented schema, and Retry-After is present where documented. The same
document's request schema is what the intake validates against (kiosk.delivery.contract).
"""

from __future__ import annotations

import json
import ssl

import httpx
import pytest

from kiosk.delivery.contract import load_contract
from kiosk.storage.store import document_bytes
from tests.emulators.intake import Fault

pytestmark = pytest.mark.integration

PATH = "/applications"


@pytest.fixture
def http(intake, pki):
    ctx = ssl.create_default_context(cafile=str(pki.ca_cert))
    ctx.load_cert_chain(str(pki.client_cert), str(pki.client_key))
    with httpx.Client(base_url=intake.url, verify=ctx, timeout=5) as client:
        yield client


def check_documented(response: httpx.Response) -> dict:
    contract = load_contract()
    assert response.status_code in contract.documented_statuses(PATH, "post")
    declared = contract.response(PATH, "post", response.status_code)
    (media_type,) = declared["content"]
    assert response.headers["Content-Type"] == media_type
    for header in declared.get("headers", {}):
        assert header in response.headers
    body = response.json()
    schema = contract.response_schema(PATH, "post", response.status_code, media_type)
    assert contract.validate(body, schema) == []
    return body


def post(http: httpx.Client, body: bytes, key: str | None, content_type: str = "application/json") -> httpx.Response:
    headers = {"Content-Type": content_type}
    if key is not None:
        headers["Idempotency-Key"] = key
    return http.post("applications", content=body, headers=headers)


def test_every_answer_is_documented(http, intake, store, enqueue) -> None:
    app, other = enqueue(2)
    doc = document_bytes(app)
    key = app.application_id

    first = check_documented(post(http, doc, key))
    assert first["replayed"] is False and first["application_id"] == key
    again = post(http, doc, key)
    assert again.status_code == 200
    assert check_documented(again) == {**first, "replayed": True}

    bad = json.loads(document_bytes(other))
    bad["identity"]["sex"] = "female"
    cases = [
        (post(http, doc.replace(b"{", b"[", 1), other.application_id), 400, "malformed_json"),
        (post(http, document_bytes(other), None), 400, "idempotency_key_invalid"),
        (post(http, document_bytes(other), "NOT-A-KEY"), 400, "idempotency_key_invalid"),
        (post(http, document_bytes(other), other.application_id, "text/plain"), 415, "unsupported_media_type"),
        (post(http, json.dumps(bad).encode(), other.application_id), 422, "invalid_application"),
        (post(http, document_bytes(other), app.application_id), 422, "idempotency_key_mismatch"),
        (http.post("elsewhere", content=b"{}"), 404, "not_found"),
    ]
    for response, status, code in cases:
        assert response.status_code == status, code
        problem = check_documented(response)
        assert problem["code"] == code
    # The invalid field is named by pointer, and its value is not repeated.
    problem = cases[4][0].json()
    assert problem["errors"] == [{"pointer": "/identity/sex", "message": "must be one of F, M, X"}]
    assert "female" not in cases[4][0].text

    # Same key, different body: refused, and the first application is untouched.
    changed = json.loads(doc)
    changed["phone"] = "13900000000"
    reused = post(http, json.dumps(changed, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode(), key)
    assert reused.status_code == 422 and check_documented(reused)["code"] == "idempotency_key_reused"

    for fault, status in [(Fault.ERROR_500, 500), (Fault.UNAVAILABLE_503, 503), (Fault.RATE_LIMITED_429, 429),
                          (Fault.REJECT_422, 422)]:
        intake.faults.push(fault)
        response = post(http, document_bytes(other), other.application_id)
        assert response.status_code == status
        check_documented(response)

    assert intake.stats().stored == 1


def test_an_oversized_or_unsized_body_is_refused(http, intake) -> None:
    response = http.post(
        "applications", content=iter([b"{}"]),  # a generator: sent chunked, no Content-Length
        headers={"Content-Type": "application/json", "Idempotency-Key": "a" * 32},
    )
    assert response.status_code == 411
    check_documented(response)


def test_a_version_1_row_queued_before_an_upgrade_is_delivered_as_stored(store, intake, make_deliverer, monkeypatch):
    """A kiosk upgraded with applications still queued in the old shape sends them as
    they were stored (the bytes its idempotency key first went out with), and the
    office takes them: nothing is parked by an upgrade."""
    import hashlib

    from kiosk.card_application import Application
    from tests.factories import build_application
    from tests.integration.queue.conftest import DAY, KIOSK   # the kiosk the PKI certifies

    current = Application.to_payload

    def version_1(app: Application) -> dict:
        payload = current(app)
        payload["payload_version"] = 1
        del payload["identity_check"]
        return payload

    monkeypatch.setattr(Application, "to_payload", version_1)   # the old kiosk's writer
    app = build_application(store.next_application_number(KIOSK, DAY), kiosk_id=KIOSK)
    store.enqueue(app)
    monkeypatch.setattr(Application, "to_payload", current)      # the upgraded kiosk
    sent = store.delivery_document(app.application_id)
    assert json.loads(sent)["payload_version"] == 1

    report = make_deliverer().deliver_pending()
    assert report.delivered == 1 and report.parked == 0
    stored = intake.stored()[app.application_id]
    assert stored.body_sha256 == hashlib.sha256(sent).hexdigest()
