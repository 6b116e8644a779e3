"""A reference office over mutual TLS on loopback, and the kiosk's client configured for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kiosk.delivery.selftest.loopback_pki import LoopbackPki, make_loopback_pki
from kiosk.demo.specimen import specimen_portrait
from kiosk.identity import Identity, IdentitySource
from kiosk.office_client import OfficeClient, OfficeSettings
from tests.emulators.office.server import ReferenceOffice

NUMBER = "110105198403120488"


def holder(number: str = NUMBER) -> Identity:
    return Identity(
        id_number=number, surname="ZHANG", given_names="WEI", birth_date=dt.date(1984, 3, 12), sex="F",
        nationality="CHN", source=IdentitySource.TYPED_NUMBER, document_number="E12345678",
        card_expiry=dt.date(2027, 1, 1), name_local="张伟", reference_photo=specimen_portrait(),
    )


@pytest.fixture
def pki(tmp_path) -> LoopbackPki:
    return make_loopback_pki(tmp_path / "pki", "KIOSK-0001")


@pytest.fixture
def office(pki) -> Iterator[ReferenceOffice]:
    with ReferenceOffice(pki, slow_seconds=0.3, hang_seconds=2.0) as server:
        server.add_record(holder())
        yield server
    assert server.violations == []


@pytest.fixture
def settings(pki, office) -> OfficeSettings:
    return OfficeSettings(endpoint=office.url, client_cert=pki.client_cert, client_key=pki.client_key,
                          ca_bundle=pki.ca_cert, nationality="CHN", connect_timeout=1.0, read_timeout=1.0)


@pytest.fixture
def client(settings) -> Iterator[OfficeClient]:
    c = OfficeClient(settings)
    yield c
    c.close()
