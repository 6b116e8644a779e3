"""A renewal identified by a national e-ID app's code (issue 16), through the real window,
against the reference office over mutual TLS (tests/emulators/office).

The citizen holds their phone's verification QR up to the simulated camera at the
identify step; the kiosk's scanner finds it, the office verifies it (the real HTTPS
client, `verifyEidCode`), and the identity it vouches for stays off the screen until the
live face matched the photo the office returned. Each office fault, and a code the office
does not know (expired, used), gives the screen that says what the citizen can do now.
"""

from __future__ import annotations

import pytest

from kiosk.demo.specimen import specimen_identity
from kiosk.identity import IdentitySource
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from launcher.gui import hold_up_while_scanning
from tests.code_images import code_image, in_photo, photo
from tests.emulators.office.server import ReferenceOffice
from tests.ui.kiosk_driver import KioskDriver as Kiosk
from tests.ui.test_office_ui import FAULTS, TODAY, _expected, _fault, _finish, _shown_problem, kiosk, office  # noqa: F401
from tests.ui.test_renewal_ui import _watch_until_face_matched
from ui import messages

pytestmark = pytest.mark.ui

EID_TEXT = "VNEID:7Hq2xK9mR4tW1pZ8sL3vB6nC0dF5gJ2h"
# fault: what the citizen is told (the typed number or the counter; "busy": once more)
EID_FAULTS = {fault: "office_busy" if fault == "busy_429" else "eid_unreachable" for fault in FAULTS}


def _show_eid_code(kiosk: Kiosk) -> None:
    """A lost card: the citizen taps "Use your e-ID app" and holds their
    phone up while the kiosk looks (lowered once it stops looking)."""
    picture = in_photo(code_image(EID_TEXT), photo(), angle=-12, width=340, perspective=0.15)
    hold_up_while_scanning(kiosk.workflow, picture)
    kiosk.tap("start_en")
    kiosk.tap("case_lost")
    kiosk.give_consent()
    kiosk.wait_for(State.IDENTIFY)
    kiosk.tap("identify_scan_eid")
    camera = kiosk.find("identify_scan_camera")
    kiosk.qtbot.waitUntil(lambda: camera.isVisible() or kiosk.workflow.state is not State.IDENTIFY
                          or kiosk.workflow.busy == "verify_eid", timeout=30_000)


def test_a_renewal_identified_by_an_eid_code(kiosk: Kiosk, office: ReferenceOffice) -> None:
    holder = specimen_identity(TODAY)
    office.add_eid_code(EID_TEXT, holder)
    saved: list[dict] = []

    def at_receipt(event: str, wf: Workflow) -> None:
        if event == "state" and wf.state is State.RECEIPT:
            saved.append(wf.session.application.to_payload())

    kiosk.workflow.subscribe(at_receipt)
    leaks, states = _watch_until_face_matched(kiosk, holder)
    _show_eid_code(kiosk)
    kiosk.wait_for(State.ELIGIBILITY)
    assert leaks == []                                   # nothing about the holder before the match
    assert states[:5] == [State.CASE, State.CONSENT, State.IDENTIFY, State.FACE_CHECK, State.ELIGIBILITY]
    assert office.calls == ["eid"]
    wf = kiosk.workflow
    assert wf.session.identity.source is IdentitySource.EID
    assert kiosk.find("eligibility_name").text() == holder.display_name
    assert kiosk.find("eligibility_id_number").text() == messages.mask_id_number(holder.id_number)
    kiosk.tap("eligibility_continue")
    kiosk.wait_for(State.PORTRAIT)
    kiosk.tap("portrait_use_0")
    _finish(kiosk, office)
    assert [p["identity_check"]["source"] for p in saved] == ["eid"]
    assert saved[0]["payload_version"] == 5 and saved[0]["identity"]["id_number"] == holder.id_number


def test_the_face_check_of_an_eid_code_names_nobody_and_offers_another_way(kiosk: Kiosk,
                                                                           office: ReferenceOffice) -> None:
    """Held at the face check (the match is not decided yet): the screen says whose photo
    it compares with, in words that name nobody, and offers another way."""
    holder = specimen_identity(TODAY)
    office.add_eid_code(EID_TEXT, holder)
    wf = kiosk.workflow
    real = wf.services.face_verifier.verify
    seen: list[tuple[str, str, bool]] = []

    def verify(reference, frames, liveness="not_checked"):  # type: ignore[no-untyped-def]
        seen.append((kiosk.find("face_reference_hint").text(), kiosk.find("face_change_number").text(),
                     wf.session.identity is None))
        return real(reference, frames, liveness)

    wf.services.face_verifier.verify = verify
    _show_eid_code(kiosk)
    kiosk.wait_for(State.ELIGIBILITY)
    assert seen and seen[0][2]
    assert "e-ID code" in seen[0][0] and holder.display_name not in seen[0][0]
    assert seen[0][1] == "Use another way"


@pytest.mark.parametrize("fault", EID_FAULTS)
def test_an_eid_code_with_the_office_at_fault(kiosk: Kiosk, office: ReferenceOffice, fault, tmp_path) -> None:
    office.add_eid_code(EID_TEXT, specimen_identity(TODAY))
    _fault(office, fault, tmp_path)
    _show_eid_code(kiosk)
    shown = _shown_problem(kiosk)
    wf = kiosk.workflow
    assert wf.state is State.IDENTIFY
    assert wf.session.problem.code == EID_FAULTS[fault]
    assert shown == _expected(EID_FAULTS[fault])
    assert wf.session.sealed_identity is None and wf.session.identity is None
    assert kiosk.find("identify_scan_eid").isVisible()     # a fresh try, or the keypad beside it
    assert kiosk.find("id_keypad").isVisible()


def test_an_expired_or_unknown_code_asks_for_a_fresh_one(kiosk: Kiosk, office: ReferenceOffice) -> None:
    _show_eid_code(kiosk)                                # the office knows no such code (404)
    shown = _shown_problem(kiosk)
    wf = kiosk.workflow
    assert office.calls == ["eid"]
    assert wf.state is State.IDENTIFY and wf.session.problem.code == "eid_code_invalid"
    assert shown == _expected("eid_code_invalid")
    assert wf.session.sealed_identity is None and wf.session.identity is None


def test_the_words_of_an_eid_failure_name_the_way_that_is_open() -> None:
    for code in ("eid_unreachable", "eid_unreachable_card"):
        _message, next_step = _expected(code)
        assert "counter" in next_step and "again" not in next_step and "minute" not in next_step, code
    assert "fresh code" in _expected("eid_code_invalid")[1]
