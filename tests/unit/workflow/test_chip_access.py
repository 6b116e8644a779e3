"""The identify step against a locked chip: access key prompt, wrong keys, hand-over.

The card is the strict eMRTD emulator of the tests (BAC only, refuses reads before
access control), holding the demo specimen's files, on the in-process reader.
"""

from __future__ import annotations

import pytest

from tests.inprocess_reader import InProcessCardReader
from launcher.services import build_services
from kiosk.documents.access import MrzKey
from kiosk.demo.specimen import make_specimen_files, specimen_mrz
from kiosk.domain.cases import Case
from kiosk.domain.mrz import parse_mrz
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import IdentifyMode, Outcome, State
from tests.conftest import FIXED_NOW
from tests.emulators.emrtd import InProcessCard
from tests.emulators.emrtd.chip import ChipConfig, EmrtdChip

TODAY = FIXED_NOW.date()


@pytest.fixture
def wf(demo_cfg, session_tmp):
    services = build_services(demo_cfg, today=TODAY)
    services.clock = lambda: FIXED_NOW
    reader = InProcessCardReader()
    mrz = specimen_mrz(TODAY)
    chip = EmrtdChip(make_specimen_files(TODAY), MrzKey.from_mrz(mrz), ChipConfig(extended_length=False))
    reader.insert(InProcessCard(chip))
    services.card_reader = reader
    flow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    yield flow
    services.close()


def _mrz_fields() -> dict[str, str]:
    m = parse_mrz(specimen_mrz(TODAY))
    return {"document_number": m.document_number, "birth": m.birth_date_text, "expiry": m.expiry_date_text}


def test_locked_chip_asks_for_the_key_then_reads(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.IDENTIFY
    assert wf.session.identify_mode is IdentifyMode.ACCESS_KEY and wf.session.problem is None

    wrong = dict(_mrz_fields(), document_number="X00000000")
    wf.provide_access_key(**wrong)
    assert wf.state is State.IDENTIFY and wf.session.problem.code == "access_key_wrong"
    assert wf.session.problem.params["remaining"] == str(wf.config.devices.card_reader.access_attempts - 1)
    assert wf.session.access_key is None     # a refused key is not kept

    wf.provide_access_key(**_mrz_fields())
    assert wf.state is State.ELIGIBILITY, wf.session.problem
    assert wf.session.identity.name_local == "王芳"
    # The specimen's SOD is signed by the specimen CSCA, which the demo kiosk trusts.
    assert wf.session.chip_check == "passed"
    assert wf.session.chip_protocol == "BAC"   # recorded for the office with the application


def test_malformed_key_is_refused_before_the_chip_is_asked(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.provide_access_key(document_number="C0300478", birth="84-03-12", expiry="270105")
    assert wf.session.problem.code == "access_key_invalid"
    assert wf.session.access_attempts.failures == 0


def test_too_many_wrong_keys_hand_over_and_wipe(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wrong = dict(_mrz_fields(), document_number="X00000000")
    for _ in range(wf.config.devices.card_reader.access_attempts):
        wf.provide_access_key(**wrong)
    assert wf.state is State.HANDOVER
    assert wf.session.handover_reason == "access"
    wf.finish()
    assert wf.last_outcome is Outcome.HANDED_OVER and wf.session.is_wiped()


def test_a_can_on_a_chip_without_pace_asks_for_the_back_details(wf):
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.provide_access_key(can="123456")
    assert wf.state is State.IDENTIFY
    assert wf.session.identify_mode is IdentifyMode.ACCESS_KEY
    assert wf.session.problem.code == "access_key_can_unsupported"
    assert wf.session.access_key is None           # never retried with a key that cannot work
    wf.provide_access_key(**_mrz_fields())
    assert wf.state is State.ELIGIBILITY
