"""Nothing the queue and its delivery log may contain a name, an ID number, a phone or a photo."""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
from pathlib import Path

import httpx
import pytest

from kiosk.delivery.backoff import Backoff
from kiosk.delivery.client import ClientSettings, IntakeClient
from kiosk.delivery.deliverer import Deliverer
from kiosk.delivery.selftest.run import secrets_of
from kiosk.delivery.service import QueueService
from kiosk.storage import DuplicateApplication

from .conftest import PEOPLE


def test_enqueue_deliver_retry_purge_log_nothing_personal(
    store, make_app, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, every level
    apps = [make_app(person) for person in PEOPLE]
    answers = iter([
        # An office that echoes personal data in its errors, where the kiosk could log it.
        (422, {"type": "about:blank", "status": 422, "code": "invalid_application",
               "title": f"ID {apps[0].id_number} refused", "detail": f"{apps[0].surname} {apps[0].id_number}"}),
        (503, {"type": "about:blank", "status": 503, "code": "unavailable", "title": f"busy {apps[1].phone}"}),
    ])

    def office(request: httpx.Request) -> httpx.Response:
        status, body = next(answers, (201, None))
        if body is None:
            doc = json.loads(request.content)
            body = {"application_id": doc["application_id"], "office_reference": "OF-1",
                    "received_at": "2026-11-21T08:00:00+00:00", "replayed": False}
        return httpx.Response(status, json=body)

    for app in apps:
        store.enqueue(app)
        store.enqueue(app)  # the idempotent repeat logs too
    with pytest.raises(DuplicateApplication):
        other = make_app(PEOPLE[0])
        other.application_id = apps[0].application_id
        store.enqueue(other)

    client = IntakeClient(
        ClientSettings("https://office.example/v1/", Path("x"), Path("y")), transport=httpx.MockTransport(office)
    )
    deliverer = Deliverer(store, client, Backoff(0.01, 0.02, random.Random(1)))
    deliverer.deliver_pending()     # the first is parked, the second meets the 503
    service = QueueService(store, retention=dt.timedelta(0))
    service.retry(apps[0].application_id)
    deliverer.deliver_pending()
    deliverer.deliver_pending()
    assert store.counts()["delivered"] == 2
    service.purge()
    service.status()

    text = caplog.text + "\n".join(repr(r.args) for r in caplog.records)
    assert "refused" in text and "parked" in text  # positive control: the events were logged
    for app in apps:
        for what, secret in secrets_of(app).items():
            assert secret.decode("utf-8", "replace") not in text, f"{what} found in the logs"
    assert "[digits]" in text  # the echoed ID number was masked, not dropped silently
