"""Mutual TLS is really exercised: no certificate, a foreign one, or the wrong kiosk's fails."""

from __future__ import annotations

import ssl
import time
from pathlib import Path

import httpx
import pytest

from kiosk.delivery.client import ClientSettings
from kiosk.delivery.selftest.loopback_pki import make_loopback_pki
from kiosk.storage import ApplicationState

pytestmark = pytest.mark.integration


def _handshake_failures_seen(intake, limit_s: float = 10.0) -> int:
    """The server counts a refused handshake on its own thread; under TLS 1.3 the client
    may see the refusal first. Wait for the count (a safety bound, not a timing claim)."""
    deadline = time.monotonic() + limit_s
    while intake.stats().handshake_failures == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    return intake.stats().handshake_failures


def test_a_client_without_a_certificate_is_refused(intake, pki) -> None:
    ctx = ssl.create_default_context(cafile=str(pki.ca_cert))  # trusts the server, presents nothing
    with pytest.raises(httpx.TransportError):
        httpx.post(intake.url + "applications", content=b"{}", verify=ctx, timeout=5)
    assert _handshake_failures_seen(intake) >= 1
    assert intake.stats().requests == 0


def test_a_certificate_from_another_ca_is_refused(store, intake, enqueue, make_deliverer, tmp_path: Path, pki) -> None:
    stranger = make_loopback_pki(tmp_path / "stranger", "IT-KIOSK-1")
    settings = ClientSettings(intake.url, stranger.client_cert, stranger.client_key, pki.ca_cert, 2.0, 1.0)
    enqueue(1)
    report = make_deliverer(settings).deliver_pending()
    assert report.failed == 1  # transient: a TLS failure may be a certificate being renewed
    assert _handshake_failures_seen(intake) >= 1 and intake.stats().requests == 0
    assert store.counts()["queued"] == 1


def test_the_kiosk_refuses_an_office_it_cannot_verify(store, intake, enqueue, make_deliverer, tmp_path: Path, pki) -> None:
    other_ca = make_loopback_pki(tmp_path / "other", "IT-KIOSK-1").ca_cert
    settings = ClientSettings(intake.url, pki.client_cert, pki.client_key, other_ca, 2.0, 1.0)
    enqueue(1)
    report = make_deliverer(settings).deliver_pending()
    assert report.failed == 1
    assert "CERTIFICATE_VERIFY_FAILED" in (report.stopped_because or "")
    assert intake.stats().requests == 0


def test_another_kiosks_certificate_cannot_deliver_this_kiosks_applications(
    store, enqueue, make_deliverer, tmp_path: Path
) -> None:
    """A certificate the office trusts, but issued to another kiosk: 403, parked."""
    from kiosk.delivery.selftest.intake import IntakeServer

    fleet = make_loopback_pki(tmp_path / "fleet", "OTHER-KIOSK")  # its client certificate: OTHER-KIOSK
    with IntakeServer(tmp_path / "fleet-intake.sqlite3", fleet) as office:
        settings = ClientSettings(office.url, fleet.client_cert, fleet.client_key, fleet.ca_cert, 2.0, 1.0)
        (app,) = enqueue(1)  # an application of IT-KIOSK-1
        report = make_deliverer(settings).deliver_pending()
        assert report.parked == 1
        entry = store.entry(app.application_id)
        assert entry.state is ApplicationState.PARKED
        assert entry.last_error.startswith("HTTP 403 kiosk_not_allowed")
        assert office.stats().stored == 0
