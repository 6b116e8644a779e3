"""A national e-ID app's code shown at the identify step (issue 16, the e-ID journey).

The kiosk scans the code, the office verifies it in a job and answers the identity it
vouches for. Whoever holds the phone need not be that person, so, as for a typed number,
nothing about the identity reaches the screens (nor the log) until the live face matched
its photo; then the journey goes on as for the other cases, and the application says it
was identified by an e-ID code. A code the office does not know, and an office that
cannot answer, each say what the citizen can do now.
"""

from __future__ import annotations

import dataclasses
import logging

import pytest

from kiosk.card_application import PAYLOAD_VERSION
from kiosk.demo.specimen import specimen_identity
from kiosk.domain.cases import Case
from kiosk.identity import Identity, IdentitySource
from kiosk.office import EidCodes, OfficeFailure, OfficeUnavailable, PhotoCheckingEid
from kiosk.workflow.clock import ManualClock
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import InvalidTransition, Workflow
from kiosk.workflow.states import IdentifyMode, Outcome, State
from launcher.services import build_services
from tests.code_images import CCCD_TEXT, code_image, in_photo, photo
from tests.conftest import FIXED_NOW
from tests.phone_check_walk import pass_phone_check
from tests.thread_job_runner import ThreadJobRunner
from tests.unit.workflow.test_typed_number_sealed import Verifier, Watch, _log_names_nobody

TODAY = FIXED_NOW.date()
EID_TEXT = "VNEID:7Hq2xK9mR4tW1pZ8sL3vB6nC0dF5gJ2h"
NOT_BUSY = [f for f in OfficeFailure if f is not OfficeFailure.BUSY]


class Issuer(EidCodes):
    """Knows the codes a test gives it (single use, as the real office); or fails."""

    def __init__(self, holder: Identity, failure: OfficeFailure | None = None) -> None:
        self.codes = {EID_TEXT: holder}
        self.asked: list[str] = []
        self.failure = failure

    def verify(self, code: str) -> Identity | None:
        self.asked.append(code)
        if self.failure is not None:
            raise OfficeUnavailable("down", self.failure)
        return self.codes.pop(code, None)


def _holder() -> Identity:
    return dataclasses.replace(specimen_identity(TODAY), source=IdentitySource.EID)


def _build(demo_cfg, runner, match: bool = True) -> Workflow:
    services = build_services(demo_cfg, today=TODAY)
    services.clock = lambda: FIXED_NOW
    services.face_verifier = Verifier(match)
    services.monotonic = ManualClock()
    return Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)


@pytest.fixture
def wf(demo_cfg, session_tmp):
    flow = _build(demo_cfg, SyncJobRunner())
    yield flow
    flow.shutdown()
    flow.services.close()


def _hold_up_while_scanning(wf: Workflow, text: str = EID_TEXT) -> None:
    """The citizen holds their phone up while the kiosk looks, and lowers it after."""
    picture = in_photo(code_image(text), photo(), angle=-14, width=320, perspective=0.15)

    def follow(_event: str, flow: Workflow) -> None:
        flow.services.camera.show(picture if flow.busy == "scan_code" else None)

    wf.subscribe(follow)


def _show_code(wf: Workflow, issuer: Issuer) -> None:
    wf.services.eid = PhotoCheckingEid(issuer)
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    assert wf.may_scan_eid
    _hold_up_while_scanning(wf)
    wf.scan_eid_code()


def test_an_eid_code_shows_its_holder_only_after_the_face_matched(wf, caplog):
    caplog.set_level(logging.DEBUG)
    holder = _holder()
    issuer = Issuer(holder)
    wf.services.eid = PhotoCheckingEid(issuer)
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    watch = Watch(wf, holder)
    _hold_up_while_scanning(wf)
    wf.scan_eid_code()

    assert issuer.asked == [EID_TEXT]                 # the code as the app shows it, unread
    assert watch.leaks == []
    assert watch.states == [State.FACE_CHECK, State.ELIGIBILITY]
    assert wf.services.face_verifier.references == [holder.reference_photo]
    assert wf.state is State.ELIGIBILITY and wf.face_confirmed
    ident = wf.session.identity
    assert ident.source is IdentitySource.EID and ident.id_number == holder.id_number
    assert wf.session.eligibility.eligible and wf.session.sealed_identity is None
    wf.proceed()                                      # no second face check
    assert wf.state is State.PORTRAIT and len(wf.services.face_verifier.references) == 1
    _log_names_nobody(caplog, holder)
    for record in caplog.records:
        assert EID_TEXT not in record.getMessage()


def test_the_application_of_an_eid_renewal_says_so_in_version_5(wf):
    _show_code(wf, Issuer(_holder()))
    wf.proceed()
    wf.choose_portrait(0)
    wf.set_contact("13800138000", "station")
    pass_phone_check(wf)
    wf.sign(b"\x89PNG signature")
    wf.submit()
    assert wf.state is State.RECEIPT, wf.session.problem
    payload = wf.session.application.to_payload()
    assert PAYLOAD_VERSION == 5 and payload["payload_version"] == 5
    assert payload["identity_check"] == {"source": "eid", "chip_authentication": "", "access_protocol": ""}
    wf.finish()
    assert wf.last_outcome is Outcome.COMPLETED


def test_a_face_that_does_not_match_the_eid_photo_learns_nothing(demo_cfg, session_tmp):
    flow = _build(demo_cfg, SyncJobRunner(), match=False)
    try:
        holder = _holder()
        flow.services.eid = PhotoCheckingEid(Issuer(holder))
        flow.start("en")
        flow.choose_case(Case.LOST)
        flow.agree()
        watch = Watch(flow, holder)
        _hold_up_while_scanning(flow)
        flow.scan_eid_code()
        assert flow.state is State.FACE_CHECK and flow.holder_from_eid
        assert flow.session.problem.code == "face_no_match_eid"
        assert watch.leaks == [] and flow.session.identity is None
        flow.change_number()                          # "use another way": back to the keypad
        assert flow.state is State.IDENTIFY and flow.session.sealed_identity is None
        assert flow.session.identify_mode is IdentifyMode.KEYPAD and flow.may_scan_eid
    finally:
        flow.shutdown()
        flow.services.close()


def test_an_expired_or_unknown_code_asks_for_a_fresh_one(wf):
    issuer = Issuer(_holder())
    issuer.codes.clear()                              # expired, or already used
    _show_code(wf, issuer)
    assert wf.state is State.IDENTIFY and not wf.busy
    assert wf.session.problem.code == "eid_code_invalid"
    assert wf.session.sealed_identity is None and wf.session.identity is None
    assert wf.wait_camera_closed(5.0)
    assert wf.may_scan_eid                            # the citizen may show a fresh code


@pytest.mark.parametrize("failure", NOT_BUSY)
def test_an_office_that_cannot_verify_names_the_way_that_is_open(wf, failure):
    _show_code(wf, Issuer(_holder(), failure))
    assert wf.state is State.IDENTIFY and wf.session.sealed_identity is None
    assert wf.session.problem.code == "eid_unreachable"
    assert wf.wait_camera_closed(5.0)


def test_a_busy_office_is_worth_another_try(wf):
    _show_code(wf, Issuer(_holder(), OfficeFailure.BUSY))
    assert wf.session.problem.code == "office_busy"


@pytest.mark.parametrize("failure", NOT_BUSY)
def test_a_card_with_a_chip_is_offered_the_chip(failure):
    from kiosk.workflow.office_problems import eid_problem

    assert eid_problem(OfficeUnavailable("down", failure), chip_possible=True).code == "eid_unreachable_card"
    assert eid_problem(OfficeUnavailable("busy", OfficeFailure.BUSY), chip_possible=True).code == "office_busy"


def test_an_answer_without_a_photo_is_no_answer(wf):
    holder = dataclasses.replace(_holder(), reference_photo=b"")
    _show_code(wf, Issuer(holder))
    assert wf.state is State.IDENTIFY and wf.session.problem.code == "eid_unreachable"


def test_a_card_qr_shown_for_the_eid_code_is_not_taken(wf, monkeypatch):
    from kiosk.workflow import code_scan

    monkeypatch.setattr(code_scan, "SCAN_TIMEOUT_S", 1.5)
    issuer = Issuer(_holder())
    wf.services.eid = PhotoCheckingEid(issuer)
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    _hold_up_while_scanning(wf, CCCD_TEXT)
    wf.scan_eid_code()
    assert issuer.asked == [] and wf.state is State.IDENTIFY
    assert wf.session.problem.code == "code_not_found"
    assert wf._scanner.latest().instruction == "wrong_code"


def test_a_token_shaped_like_a_studio_code_is_taken_as_the_eid_code(wf):
    token = "aZ3kQ9-pL2mX7vB4nC8dF1gH"
    issuer = Issuer(_holder())
    issuer.codes = {token: _holder()}
    wf.services.eid = PhotoCheckingEid(issuer)
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    _hold_up_while_scanning(wf, token)
    wf.scan_eid_code()
    assert issuer.asked == [token]
    assert wf.state is State.ELIGIBILITY, wf.session.problem


def test_who_may_show_an_eid_code(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)                     # the chip is read: its signature proves more
    wf.agree()
    assert not wf.may_scan_eid
    with pytest.raises(InvalidTransition):
        wf.scan_eid_code()
    wf.cancel()
    wf.restart()
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    assert wf.may_scan_eid
    wf.session.case = Case.DAMAGED                    # a card in hand: its chip, or its number
    assert not wf.may_scan_eid
    wf.cancel()
    wf.restart()
    wf.services.eid = None                            # office.enabled = false: nothing to ask
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    assert not wf.may_scan_eid


def test_a_verification_that_comes_back_after_the_citizen_left_is_dropped(demo_cfg, session_tmp):
    import threading

    runner = ThreadJobRunner()
    flow = _build(demo_cfg, runner)
    release = threading.Event()

    class SlowIssuer(Issuer):
        def verify(self, code: str) -> Identity | None:
            release.wait(10)
            return super().verify(code)

    try:
        issuer = SlowIssuer(_holder())
        flow.services.eid = PhotoCheckingEid(issuer)
        flow.start("en")
        flow.choose_case(Case.LOST)
        flow.agree()
        _hold_up_while_scanning(flow)
        flow.scan_eid_code()
        while flow.busy != "verify_eid":
            runner.pump(timeout=0.1)
        flow.cancel()                                 # the citizen walked off
        release.set()
        while issuer.asked == [] or runner.pump(timeout=0.3):
            pass
        assert flow.state is State.GOODBYE and flow.session.is_wiped()
        assert flow.session.sealed_identity is None
    finally:
        release.set()
        flow.shutdown()
        flow.services.close()


def test_an_eid_photo_declaring_too_many_pixels_is_not_used(wf):
    """The photo the office returns for a code is checked where it enters, as a typed
    number's and a studio's: refused before a screen or the matcher decodes it."""
    from kiosk.office import UnusablePhoto
    from tests.hostile_images import jpeg_declaring

    holder = dataclasses.replace(_holder(), reference_photo=jpeg_declaring(16000, 16000))
    with pytest.raises(UnusablePhoto, match="256 million pixels"):
        PhotoCheckingEid(Issuer(holder)).verify(EID_TEXT)
    _show_code(wf, Issuer(holder))
    assert wf.state is State.IDENTIFY and wf.session.sealed_identity is None
    assert wf.session.problem.code == "eid_unreachable"


def test_the_services_check_eid_photos_and_the_demo_issuer_stays_in_demo(demo_cfg, session_tmp):
    from kiosk.config import with_overrides
    from kiosk.demo.office import DemoEid

    services = build_services(demo_cfg, today=TODAY)
    try:
        assert isinstance(services.eid, PhotoCheckingEid)
        assert services.eid.verify(EID_TEXT).source is IdentitySource.EID
    finally:
        services.close()
    with pytest.raises(RuntimeError, match="demo mode"):
        DemoEid("production", specimen_identity(TODAY), TODAY)
    off = build_services(with_overrides(demo_cfg, {"office.enabled": False}), today=TODAY)
    try:
        assert off.eid is None                        # nothing to ask: no e-ID button
    finally:
        off.close()
