"""How the client classifies every kind of answer (httpx's MockTransport plays the office)."""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path

import httpx
import pytest

from kiosk.delivery.client import ClientSettings, Delivered, IntakeClient, Rejected, RetryLater
from kiosk.delivery.selftest.loopback_pki import LoopbackPki, make_loopback_pki

from .conftest import T0

APP_ID = "0123456789abcdef0123456789abcdef"
DOC = json.dumps({"application_id": APP_ID}).encode()


def client_for(handler) -> IntakeClient:
    settings = ClientSettings("https://office.example/v1", Path("c.crt"), Path("c.key"), None, 1.0, 1.0)
    return IntakeClient(settings, transport=httpx.MockTransport(handler), clock=lambda: T0)


def answer(status: int, body: dict | None = None, headers: dict | None = None):
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body, headers=headers)
    return handler


def problem(status: int, code: str, title: str = "t", **extra) -> dict:
    return {"type": "about:blank", "title": title, "status": status, "code": code, **extra}


def test_the_request_carries_the_document_and_its_idempotency_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"application_id": APP_ID, "office_reference": "OF-1",
                                         "received_at": T0.isoformat(), "replayed": False})

    outcome = client_for(handler).submit(APP_ID, DOC)
    assert outcome == Delivered(201, "OF-1", False)
    (request,) = seen
    assert request.method == "POST"
    assert str(request.url) == "https://office.example/v1/applications"
    assert request.headers["Idempotency-Key"] == APP_ID
    assert request.headers["Content-Type"] == "application/json"
    assert request.content == DOC


def test_a_replay_is_delivered() -> None:
    body = {"application_id": APP_ID, "office_reference": "OF-1", "received_at": T0.isoformat(), "replayed": True}
    assert client_for(answer(200, body)).submit(APP_ID, DOC) == Delivered(200, "OF-1", True)


def test_a_receipt_for_another_application_is_not_an_acknowledgement() -> None:
    body = {"application_id": "f" * 32, "office_reference": "OF-9", "received_at": T0.isoformat(), "replayed": False}
    assert isinstance(client_for(answer(201, body)).submit(APP_ID, DOC), RetryLater)


def test_a_2xx_without_a_body_still_acknowledges() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, content=b"stored")
    assert client_for(handler).submit(APP_ID, DOC) == Delivered(201, None, False)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_transient_statuses_are_retried(status: int) -> None:
    outcome = client_for(answer(status, problem(status, "busy"))).submit(APP_ID, DOC)
    assert isinstance(outcome, RetryLater)
    assert outcome.reason.startswith(f"HTTP {status} busy")
    assert outcome.retry_after is None


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_read_in_both_forms(status: int) -> None:
    outcome = client_for(answer(status, None, {"Retry-After": "120"})).submit(APP_ID, DOC)
    assert isinstance(outcome, RetryLater) and outcome.retry_after == 120
    date = "Sat, 21 Nov 2026 08:05:00 GMT"  # T0 + 5 min
    outcome = client_for(answer(status, None, {"Retry-After": date})).submit(APP_ID, DOC)
    assert isinstance(outcome, RetryLater) and outcome.retry_after == 300


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 410, 413, 415, 422])
def test_other_4xx_are_rejections(status: int) -> None:
    outcome = client_for(answer(status, problem(status, "invalid_application", "Refused"))).submit(APP_ID, DOC)
    assert outcome == Rejected(status, f"HTTP {status} invalid_application - Refused")


def test_a_rejection_names_fields_but_never_repeats_values() -> None:
    body = problem(
        422, "invalid_application", "Bad ID 11010519491231002X",
        detail="the ID number 11010519491231002X of WANG FANG is invalid",
        errors=[{"pointer": "/identity/id_number", "message": "bad"}],
    )
    outcome = client_for(answer(422, body)).submit(APP_ID, DOC)
    assert isinstance(outcome, Rejected)
    assert "/identity/id_number" in outcome.reason
    assert "11010519491231002X" not in outcome.reason  # masked, even in the title
    assert "WANG" not in outcome.reason                # the detail is never kept


@pytest.mark.parametrize("status", [100, 204, 302, 304])
def test_unexpected_statuses_are_retried_not_trusted(status: int) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers={"Location": "https://elsewhere.example/"})
    outcome = client_for(handler).submit(APP_ID, DOC)
    # Redirects are not followed, and a 2xx other than 200/201 is not the contract's ack.
    assert isinstance(outcome, RetryLater) and f"unexpected HTTP status {status}" == outcome.reason


@pytest.mark.parametrize(
    "error",
    [httpx.ConnectError("[Errno 111] Connection refused"), httpx.ConnectTimeout("timed out"),
     httpx.ReadTimeout("timed out"), httpx.RemoteProtocolError("Server disconnected"),
     httpx.ReadError("reset by peer")],
)
def test_transport_failures_are_retried(error: httpx.TransportError) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error
    outcome = client_for(handler).submit(APP_ID, DOC)
    assert isinstance(outcome, RetryLater)
    assert outcome.reason.startswith(type(error).__name__)


def test_missing_certificate_files_are_a_retryable_failure(tmp_path: Path) -> None:
    settings = ClientSettings("https://127.0.0.1:9/v1/", tmp_path / "none.crt", tmp_path / "none.key")
    outcome = IntakeClient(settings).submit(APP_ID, DOC)
    assert isinstance(outcome, RetryLater)
    assert outcome.reason.startswith("TLS set-up failed")


# -- the client key: a key others can read is never used ------------------------------
# Before, a client key of mode 0666 was loaded and presented to the office silently.
# `kiosk config check` refuses it too; the client must on its own, for a key copied in
# after the start.


@pytest.fixture
def pki(tmp_path: Path) -> LoopbackPki:
    return make_loopback_pki(tmp_path / "tls", "KIOSK-0001")


def _unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("mode", [0o666, 0o644, 0o640, 0o604], ids=lambda mode: f"{mode:04o}")
def test_the_client_refuses_a_key_others_can_read(pki: LoopbackPki, mode: int) -> None:
    pki.client_key.chmod(mode)
    settings = ClientSettings(f"https://127.0.0.1:{_unused_port()}/v1/", pki.client_cert, pki.client_key, pki.ca_cert)
    outcome = IntakeClient(settings).submit(APP_ID, DOC)
    assert isinstance(outcome, RetryLater)
    assert outcome.reason.startswith("TLS set-up failed")
    assert f"{mode:04o}" in outcome.reason and "group or others" in outcome.reason


def test_an_owner_only_key_gets_as_far_as_the_network(pki: LoopbackPki) -> None:
    settings = ClientSettings(f"https://127.0.0.1:{_unused_port()}/v1/", pki.client_cert, pki.client_key, pki.ca_cert)
    outcome = IntakeClient(settings).submit(APP_ID, DOC)
    assert isinstance(outcome, RetryLater)
    assert outcome.reason.startswith("ConnectError")
