"""The kiosk's office client against the reference office over real mutual TLS.

Both sides are held to resources/api/office.openapi.yaml: the reference office checks
every request the client sends and every answer of its own (the `office` fixture fails
the test on any violation), and `test_the_clients_requests_follow_the_contract` checks
the client's requests on their own, whatever the server does.
"""

from __future__ import annotations

import json
import math
import time

import httpx
import pytest

from kiosk.biometrics.interfaces import FaceDecision
from kiosk.office import OfficeFailure, OfficeUnavailable
from kiosk.office_client import OfficeClient, OfficeRegistry, OfficeStudioPhotos
from tests.emulators.office import contract
from tests.emulators.office.server import OfficeFault
from tests.integration.office.conftest import NUMBER, holder

MATCH = FaceDecision(True, 0.31, 0.6, "sface")
NO_MATCH = FaceDecision(False, 0.9, 0.6, "sface", problem="face_no_match")


def test_a_typed_number_gives_the_photo_first_and_the_record_only_after_a_match(client, office) -> None:
    sealed = OfficeRegistry(client).seal(NUMBER)
    assert sealed.reference_photo() == holder().reference_photo
    assert office.calls == ["reference"]          # nothing about the holder has come yet
    sealed.fetch(NO_MATCH)
    assert office.calls == ["reference"]          # a face that did not match asks for nothing
    with pytest.raises(PermissionError):
        sealed.open(NO_MATCH)
    sealed.fetch(MATCH)
    record = sealed.open(MATCH)
    assert office.calls == ["reference", "record"]
    assert (record.id_number, record.name_local, record.card_expiry) == (NUMBER, "张伟", holder().card_expiry)
    assert record.reference_photo == holder().reference_photo


def test_an_unknown_number_is_sealed_like_any_other(client, office) -> None:
    sealed = OfficeRegistry(client).seal("11010519491231002X")
    assert sealed.reference_photo() == b""
    sealed.fetch(MATCH)
    with pytest.raises(PermissionError):
        sealed.open(MATCH)


def test_the_office_refuses_the_record_without_a_match(client, office) -> None:
    answer = client.reference(NUMBER)
    # A kiosk that skipped its own rule still gets nothing.
    with pytest.raises(OfficeUnavailable):
        client.record(answer.lookup_id, NO_MATCH)
    client.record(answer.lookup_id, MATCH)
    with pytest.raises(OfficeUnavailable):       # single use
        client.record(answer.lookup_id, MATCH)


def test_studio_codes_and_eid_codes(client, office) -> None:
    office.add_studio_portrait("12345678", holder().reference_photo)
    office.add_eid_code("VNEID:" + "A" * 40, holder())
    studio = OfficeStudioPhotos(client)
    assert studio.fetch("12345678") == holder().reference_photo
    assert studio.fetch("87654321") is None
    identity = client.verify_eid("VNEID:" + "A" * 40)
    assert identity.id_number == NUMBER and identity.reference_photo == holder().reference_photo
    assert client.verify_eid("VNEID:" + "A" * 40) is None   # single use


@pytest.mark.parametrize("fault, failure", [
    (OfficeFault.TIMEOUT, OfficeFailure.SLOW),
    (OfficeFault.ERROR_500, OfficeFailure.ERROR),
    (OfficeFault.BUSY_429, OfficeFailure.BUSY),
])
def test_each_office_fault_is_named(client, office, fault, failure) -> None:
    office.push(fault)
    with pytest.raises(OfficeUnavailable) as caught:
        OfficeRegistry(client).seal(NUMBER)
    assert caught.value.failure is failure
    assert NUMBER not in str(caught.value)


def test_a_slow_office_within_the_timeout_still_answers(client, office) -> None:
    office.push(OfficeFault.SLOW)
    assert OfficeRegistry(client).seal(NUMBER).reference_photo()


def test_a_refused_connection_is_unreachable(client, office) -> None:
    office.refuse()
    with pytest.raises(OfficeUnavailable) as caught:
        OfficeStudioPhotos(client).fetch("12345678")
    assert caught.value.failure is OfficeFailure.UNREACHABLE


def test_a_server_certificate_from_another_ca_is_refused(client, office, tmp_path) -> None:
    office.wrong_certificate(tmp_path / "foreign")
    with pytest.raises(OfficeUnavailable) as caught:
        OfficeRegistry(client).seal(NUMBER)
    assert caught.value.failure is OfficeFailure.CERTIFICATE
    assert office.calls == []


def test_a_kiosk_certificate_the_office_does_not_trust_is_refused(settings, office, tmp_path) -> None:
    from dataclasses import replace

    from kiosk.delivery.selftest.loopback_pki import make_loopback_pki

    stranger = make_loopback_pki(tmp_path / "stranger", "KIOSK-0001")
    client = OfficeClient(replace(settings, client_cert=stranger.client_cert, client_key=stranger.client_key))
    try:
        with pytest.raises(OfficeUnavailable) as caught:
            OfficeRegistry(client).seal(NUMBER)
    finally:
        client.close()
    assert caught.value.failure in (OfficeFailure.CERTIFICATE, OfficeFailure.UNREACHABLE)
    # With TLS 1.3 the client may read the office's alert before the office's thread has
    # counted the refused handshake: wait for the count (a ceiling, not a threshold).
    deadline = time.monotonic() + 10
    while office.handshake_failures == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert office.calls == [] and office.handshake_failures >= 1


def test_the_clients_requests_follow_the_contract(settings) -> None:
    """Every request the client can send, checked against the document on its own."""
    seen: list[tuple[str, list[str]]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/v1")
        seen.append((path, contract.request_errors(path, request.method, json.loads(request.content))))
        if path == "/reference-lookups":
            return httpx.Response(200, json={"lookup_id": "L" * 20, "reference_photo_jpeg": "AAAA",
                                             "expires_in_seconds": 60})
        return httpx.Response(404, json={"type": "about:blank", "title": "no", "status": 404, "code": "no"})

    client = OfficeClient(settings, transport=httpx.MockTransport(handler))
    client.reference(NUMBER)
    with pytest.raises(OfficeUnavailable):
        client.record("L" * 20, FaceDecision(True, math.nan, math.nan, "demo-standin"))
    client.studio_portrait("12345678")
    client.verify_eid("VNEID:" + "A" * 40)
    assert [path for path, _ in seen] == ["/reference-lookups", "/reference-lookups/" + "L" * 20 + "/record",
                                          "/studio-portraits", "/eid-verifications"]
    assert all(errors == [] for _, errors in seen), seen


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"lookup_id": 5}', b'{"lookup_id": "x/../y", "reference_photo_jpeg": "AA"}',
                                  b'{"lookup_id": "LLLLLLLLLLLLLLLL", "reference_photo_jpeg": "%%%"}'])
def test_an_answer_outside_the_contract_is_an_office_error(settings, body) -> None:
    client = OfficeClient(settings, transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))
    with pytest.raises(OfficeUnavailable) as caught:
        client.reference(NUMBER)
    assert caught.value.failure is OfficeFailure.ERROR
