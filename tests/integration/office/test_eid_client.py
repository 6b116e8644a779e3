"""e-ID codes through the kiosk's office client (issue 16, the e-ID journey): the identity
the office answers says it came from an e-ID code (the application records it as such,
intake payload version 5), and the photo is checked where it enters."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.identity import IdentitySource
from kiosk.office import OfficeFailure, OfficeUnavailable, PhotoCheckingEid, UnusablePhoto
from kiosk.office_client import OfficeEid
from tests.emulators.office.server import OfficeFault
from tests.hostile_images import jpeg_declaring
from tests.integration.office.conftest import NUMBER, holder

CODE = "VNEID:7Hq2xK9mR4tW1pZ8sL3vB6nC0dF5gJ2h"


def test_an_eid_code_answers_an_identity_from_an_eid(client, office) -> None:
    office.add_eid_code(CODE, holder())
    identity = PhotoCheckingEid(OfficeEid(client)).verify(CODE)
    assert identity.source is IdentitySource.EID
    assert (identity.id_number, identity.name_local) == (NUMBER, "张伟")
    assert identity.reference_photo == holder().reference_photo
    assert OfficeEid(client).verify(CODE) is None          # single use: used, or expired, or unknown
    assert office.calls == ["eid", "eid"]


def test_an_eid_photo_declaring_too_many_pixels_is_refused(client, office) -> None:
    office.add_eid_code(CODE, dataclasses.replace(holder(), reference_photo=jpeg_declaring(16000, 16000)))
    with pytest.raises(UnusablePhoto):
        PhotoCheckingEid(OfficeEid(client)).verify(CODE)


@pytest.mark.parametrize("fault, failure", [
    (OfficeFault.TIMEOUT, OfficeFailure.SLOW),
    (OfficeFault.ERROR_500, OfficeFailure.ERROR),
    (OfficeFault.BUSY_429, OfficeFailure.BUSY),
])
def test_each_office_fault_is_named(client, office, fault, failure) -> None:
    office.add_eid_code(CODE, holder())
    office.push(fault)
    with pytest.raises(OfficeUnavailable) as caught:
        OfficeEid(client).verify(CODE)
    assert caught.value.failure is failure
    assert CODE not in str(caught.value)
