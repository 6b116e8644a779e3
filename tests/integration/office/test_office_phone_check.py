"""The kiosk's phone-check client (issue 16) against the reference office over mutual
TLS, and its requests and answer handling against the contract on their own."""

from __future__ import annotations

import json

import httpx
import pytest

from kiosk.office import OfficeFailure, OfficeUnavailable
from kiosk.office_client import OfficeClient, OfficePhoneChecks
from tests.emulators.office import contract
from tests.emulators.office.server import OfficeFault

PHONE = "13800138000"


def test_a_code_is_sent_and_only_the_right_one_confirms(client, office) -> None:
    checks = OfficePhoneChecks(client)
    sent = checks.send(PHONE, "vi")
    assert office.phone.outbox == [(PHONE, "vi", office.phone.last_code)]
    assert (sent.tries, sent.resend_after_seconds) == (office.phone.tries, office.phone.resend_after_seconds)
    assert PHONE not in repr(sent) and sent.check_id not in repr(sent)
    wrong = "".join(str((int(c) + 1) % 10) for c in office.phone.last_code)
    answer = checks.answer(sent.check_id, wrong)
    assert (answer.confirmed, answer.tries_left) == (False, office.phone.tries - 1)
    assert checks.answer(sent.check_id, office.phone.last_code).confirmed
    assert checks.answer(sent.check_id, office.phone.last_code) is None     # used: the office forgot it
    assert office.calls == ["phone_check", "phone_answer", "phone_answer", "phone_answer"]


@pytest.mark.parametrize("fault, failure", [(OfficeFault.ERROR_500, OfficeFailure.ERROR),
                                            (OfficeFault.BUSY_429, OfficeFailure.BUSY),
                                            (OfficeFault.TIMEOUT, OfficeFailure.SLOW)])
def test_each_office_fault_is_named(client, office, fault, failure) -> None:
    office.fault = fault
    with pytest.raises(OfficeUnavailable) as caught:
        client.start_phone_check(PHONE, "en")
    assert caught.value.failure is failure
    assert PHONE not in str(caught.value)


def test_the_clients_requests_follow_the_contract(settings) -> None:
    seen: list[tuple[str, list[str]]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/v1")
        seen.append((path, contract.request_errors(path, request.method, json.loads(request.content))))
        if path == "/phone-checks":
            body = {"check_id": "C" * 20, "expires_in_seconds": 300, "resend_after_seconds": 30, "tries": 3}
            assert contract.response_errors(path, "post", 201, "application/json", body) == []
            return httpx.Response(201, json=body)
        body = {"confirmed": False, "tries_left": 2}
        assert contract.response_errors(path, "post", 200, "application/json", body) == []
        return httpx.Response(200, json=body)

    client = OfficeClient(settings, transport=httpx.MockTransport(handler))
    sent = client.start_phone_check(PHONE, "zh_CN")
    client.answer_phone_check(sent.check_id, "123456")
    assert [path for path, _ in seen] == ["/phone-checks", "/phone-checks/" + "C" * 20 + "/answer"]
    assert all(errors == [] for _, errors in seen), seen


@pytest.mark.parametrize("body", [b"[]", b'{"check_id": "x/../y", "expires_in_seconds": 1, "resend_after_seconds": 0, "tries": 1}',
                                  b'{"check_id": "CCCCCCCCCCCCCCCC", "expires_in_seconds": 1, "resend_after_seconds": 0, "tries": 0}',
                                  b'{"check_id": "CCCCCCCCCCCCCCCC", "expires_in_seconds": 1, "resend_after_seconds": true, "tries": 1}'])
def test_an_answer_outside_the_contract_is_an_office_error(settings, body) -> None:
    client = OfficeClient(settings, transport=httpx.MockTransport(lambda r: httpx.Response(201, content=body)))
    with pytest.raises(OfficeUnavailable) as caught:
        client.start_phone_check(PHONE, "en")
    assert caught.value.failure is OfficeFailure.ERROR


@pytest.mark.parametrize("body", [b'{"confirmed": "yes", "tries_left": 1}', b'{"confirmed": false, "tries_left": -1}'])
def test_a_broken_answer_to_a_code_is_an_office_error(settings, body) -> None:
    client = OfficeClient(settings, transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))
    with pytest.raises(OfficeUnavailable) as caught:
        client.answer_phone_check("C" * 20, "123456")
    assert caught.value.failure is OfficeFailure.ERROR


def test_a_check_id_that_would_change_the_path_is_never_sent(settings) -> None:
    client = OfficeClient(settings, transport=httpx.MockTransport(lambda r: pytest.fail("sent")))
    with pytest.raises(ValueError):
        client.answer_phone_check("../reference-lookups/" + "L" * 20, "123456")
