from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from kiosk.card_application import Application, PickupMethod
from kiosk.domain.cases import Case

from tests.factories import AppFactory

NUMBER = "SH-XH-001-261121-00019"


def test_payload_survives_json_round_trip(make_app: AppFactory) -> None:
    app = make_app(NUMBER, pickup_method=PickupMethod.POST, postal_address="上海市徐汇区漕溪北路 1 号")
    text = json.dumps(app.to_payload())  # must be JSON-safe as it is
    back = Application.from_payload(json.loads(text))
    assert back.to_payload() == app.to_payload()
    assert back.portrait_jpeg == app.portrait_jpeg
    assert back.signature_png == app.signature_png
    assert back.fee_amount == Decimal("20.00") and isinstance(back.fee_amount, Decimal)
    assert back.created_at == app.created_at and back.created_at.tzinfo is not None
    assert back.case is Case.EXPIRING
    assert back.pickup_method is PickupMethod.POST
    assert back.card_expiry == dt.date(2026, 12, 31)


def test_created_at_is_normalised_to_utc(make_app: AppFactory) -> None:
    shanghai = dt.timezone(dt.timedelta(hours=8))
    app = make_app(NUMBER, created_at=dt.datetime(2026, 11, 21, 14, 30, tzinfo=shanghai))
    assert app.created_at.utcoffset() == dt.timedelta(0)
    assert app.created_at.hour == 6


def test_naive_created_at_is_refused(make_app: AppFactory) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_app(NUMBER, created_at=dt.datetime(2026, 11, 21, 14, 30))


def test_post_needs_an_address_and_station_keeps_none(make_app: AppFactory) -> None:
    with pytest.raises(ValueError, match="postal address"):
        make_app(NUMBER, pickup_method="post", postal_address="  ")
    app = make_app(NUMBER, pickup_method="station", postal_address="typed before switching")
    assert app.postal_address == ""
    assert app.to_payload()["postal_address"] == ""


def test_float_fee_is_refused(make_app: AppFactory) -> None:
    with pytest.raises(TypeError):
        make_app(NUMBER, fee_amount=20.0)


def test_unknown_payload_version_is_refused(make_app: AppFactory) -> None:
    payload = make_app(NUMBER).to_payload()
    payload["payload_version"] = 99
    with pytest.raises(ValueError, match="version"):
        Application.from_payload(payload)


def test_repr_holds_no_personal_data(make_app: AppFactory) -> None:
    app = make_app(NUMBER)
    text = repr(app)
    for secret in (app.id_number, app.surname, app.name_local, app.phone):
        assert secret not in text
    assert app.application_id in text


def test_new_ids_are_uuid4_hex_and_distinct(make_app: AppFactory) -> None:
    ids = {make_app(NUMBER).application_id for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)


def test_a_version_1_row_still_loads(make_app: AppFactory) -> None:
    """A row queued before the upgrade (no identity_check) is not lost: it loads (for a
    reprint, `kiosk queue list`) and says its identity check is unknown."""
    payload = make_app(NUMBER).to_payload()
    payload["payload_version"] = 1
    del payload["identity_check"]
    back = Application.from_payload(payload)
    again = back.to_payload()
    assert again["payload_version"] == 5
    assert again["payment"] == {"status": "unknown", "reference": None, "amount": "0.00"}
    assert again["postal_address_parts"] is None
    assert again["fingerprints"] == {"status": "not_required", "declined_reason": None, "iso_19794_4": None}
    assert again["identity_check"] == {"source": "unknown", "chip_authentication": "", "access_protocol": ""}


def test_identity_check_defaults_to_how_the_identity_was_learned(make_app: AppFactory) -> None:
    from kiosk.card_application import identity_check_record

    record = identity_check_record("chip", "passed", "PACE-ECDH-GM-AES-128")
    app = make_app(NUMBER, identity_check=record)
    assert Application.from_payload(json.loads(json.dumps(app.to_payload()))).identity_check == record
    with pytest.raises(ValueError):
        identity_check_record("scanned")
