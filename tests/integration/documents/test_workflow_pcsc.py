"""The renewal workflow against cards in a real pcscd through vsmartcard-vpcd and pyscard.

The cards are the strict eMRTD emulator holding the demo specimen's files (BAC, so the
citizen types the details on the back of the card); the kiosk is the demo configuration
with the PC/SC driver in place of the simulated reader. The same rules without pcscd are
in tests/unit/workflow (test_chip_authenticity.py, test_card_left_behind.py).
"""

from __future__ import annotations

import time

import pytest

from hardware.card_reader.pcsc import PcscCardReader
from launcher.services import build_services
from kiosk.documents.access import MrzKey
from kiosk.demo.specimen import make_specimen_files, specimen_identity_fields, specimen_mrz
from kiosk.demo.specimen_pki import specimen_pki
from kiosk.documents.trust import TrustStore
from kiosk.domain.cases import Case
from kiosk.domain.mrz import parse_mrz
from tests.thread_job_runner import ThreadJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import HandoverReason, IdentifyMode, State
from tests.conftest import FIXED_NOW
from tests.emulators.emrtd import ChipConfig, EmrtdChip
from tests.emulators.emrtd.pcscd import VPCD_PORT, VPCD_READER, pcscd_state, wait_for_pcscd
from tests.emulators.emrtd.pki_tools import impostor_pki, resigned
from tests.emulators.emrtd.vpcd import VpcdCard

pytestmark = pytest.mark.integration

TODAY = FIXED_NOW.date()


class Kiosk:
    def __init__(self, wf: Workflow, runner: ThreadJobRunner) -> None:
        self.wf, self.runner = wf, runner
        self.notes: list[str] = []     # the progress notes of jobs ("remove_card", ...)
        wf.subscribe(lambda event, flow: self.notes.append(flow.progress[2]) if event == "progress" else None)

    def until(self, condition, limit_s: float = 30.0) -> None:
        deadline = time.monotonic() + limit_s   # a safety bound, not a timing expectation
        while not condition():
            assert time.monotonic() < deadline, f"the workflow never got there ({self.wf.state}, {self.notes[-3:]})"
            self.runner.pump(0.05)

    def read_card(self) -> None:
        """Expiring card: the chip is read, the kiosk asks for the back details, reads on."""
        wf = self.wf
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        self.until(lambda: wf.session.identify_mode is IdentifyMode.ACCESS_KEY or wf.state is not State.IDENTIFY)
        m = parse_mrz(specimen_mrz(TODAY))
        wf.provide_access_key(document_number=m.document_number, birth=m.birth_date_text, expiry=m.expiry_date_text)
        self.until(lambda: wf.state is not State.IDENTIFY or wf.session.problem is not None)


@pytest.fixture
def kiosk(demo_cfg, session_tmp, pcscd):
    services = build_services(demo_cfg, today=TODAY)   # demo trust: the specimen CSCA
    services.clock = lambda: FIXED_NOW
    services.card_reader = PcscCardReader(VPCD_READER)
    runner = ThreadJobRunner()
    wf = Workflow(services, runner, frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=4)
    yield Kiosk(wf, runner)
    wf.shutdown()
    runner.shutdown()
    services.close()


def _chip(files: dict[int, bytes] | None = None) -> EmrtdChip:
    return EmrtdChip(files or make_specimen_files(TODAY), MrzKey.from_mrz(specimen_mrz(TODAY)),
                     ChipConfig(extended_length=False))


def _empty_reader() -> None:
    deadline = time.monotonic() + 10
    while pcscd_state()[0]:
        assert time.monotonic() < deadline, "a card from an earlier test is still in the reader"
        time.sleep(0.05)


@pytest.mark.parametrize("anchors", ["none configured", "specimen CSCA"])
def test_a_chip_signed_by_an_attackers_own_authority_goes_to_the_counter(kiosk, insert, anchors):
    if anchors == "none configured":
        kiosk.wf.services.trust = TrustStore()
    _empty_reader()
    forged = _chip(resigned(make_specimen_files(TODAY), impostor_pki(specimen_pki("CHN"))))
    insert(forged)
    kiosk.read_card()
    wf = kiosk.wf
    assert wf.state is State.HANDOVER, wf.session.problem
    assert wf.session.handover_reason is HandoverReason.SIGNER_UNKNOWN
    assert wf.session.chip_check == "csca_unknown" and wf.session.identity is None
    assert forged.total_apdus > 0                  # it was read, through pcscd, and refused


def test_the_genuine_specimen_chip_passes_against_the_demo_trust(kiosk, insert):
    _empty_reader()
    insert(_chip())
    kiosk.read_card()
    assert kiosk.wf.state is State.ELIGIBILITY, kiosk.wf.session.problem
    assert kiosk.wf.session.chip_check == "passed"


def test_a_card_left_during_a_typed_number_session_is_not_read_for_the_next_citizen(kiosk, insert):
    wf = kiosk.wf
    _empty_reader()
    # Citizen A chose "lost card", typed a number, and put a card down meanwhile.
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    theirs = _chip()
    left = insert(theirs)
    kiosk.until(lambda: pcscd_state()[0])             # lying there before A leaves
    wf.submit_id_number(specimen_identity_fields(TODAY)["id_number"])
    kiosk.until(lambda: wf.state is not State.IDENTIFY)   # the number is taken; A leaves
    wf.cancel()
    kiosk.until(lambda: wf.card_left_on_reader)        # the goodbye asks for it, via pcscd
    wf.restart()

    # Citizen B chose "expiring": A's card is not read; B is asked to take it off first.
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    kiosk.until(lambda: "remove_card" in kiosk.notes)
    assert wf.session.identity is None and theirs.total_apdus == 0

    left.remove()
    kiosk.until(lambda: kiosk.notes[-1] == "")          # seen gone; now B's own card
    own = _chip()
    insert(own)
    kiosk.until(lambda: wf.session.identify_mode is IdentifyMode.ACCESS_KEY)
    assert own.total_apdus > 0 and theirs.total_apdus == 0


def test_a_card_swapped_for_the_next_citizens_within_one_poll_counts_as_taken(kiosk, insert, vpcd):
    """A's card lies there after their session; B takes it off and puts theirs on
    quicker than pcscd polls: pcscd counted the removal, so B's card is read at once."""
    wf = kiosk.wf
    _empty_reader()
    first = _chip()
    a_card = insert(first)
    kiosk.read_card()
    assert wf.state is State.ELIGIBILITY
    wf.cancel()
    kiosk.until(lambda: wf.card_left_on_reader)
    wf.restart()

    deadline = time.monotonic() + 10
    while a_card.powered:          # lain there a while: pcscd switched it off (see vpcd.py)
        assert time.monotonic() < deadline
        time.sleep(0.02)
    _, count = pcscd_state()
    read_before = first.total_apdus
    second = _chip()
    a_card.remove()
    b_card = VpcdCard(second, VPCD_PORT)
    b_card.insert(quick=True)
    vpcd.append(b_card)
    wait_for_pcscd((True, (count + 2) & 0xFFFF))        # no look by the kiosk in between

    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    kiosk.until(lambda: wf.session.identify_mode is IdentifyMode.ACCESS_KEY or "remove_card" in kiosk.notes)
    assert "remove_card" not in kiosk.notes
    assert second.total_apdus > 0 and first.total_apdus == read_before
