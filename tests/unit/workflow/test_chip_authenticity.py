"""Only a chip whose signer chains to a trusted CSCA identifies a citizen.

Anyone can make a CSCA and a document signer of their own, copy or invent a card's data
groups and sign them: the signatures verify, and only the trust store tells such a chip
from a genuine one. A kiosk without trust anchors cannot tell at all. Either way the
chip reads as "CSCA unknown" and the citizen goes to the counter, never on to
eligibility. The chips here are the demo's specimen chip on the simulated reader; the
same attack through a real pcscd is in tests/integration/documents/test_workflow_pcsc.py.
"""

from __future__ import annotations

import pytest

from hardware.card_reader.simulated import SimulatedChip
from kiosk.demo.specimen import make_specimen_files, specimen_csca
from kiosk.demo.specimen_pki import specimen_pki
from kiosk.documents.trust import TrustStore
from kiosk.domain.cases import Case
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import HandoverReason, Outcome, State
from tests.conftest import FIXED_NOW
from tests.emulators.emrtd.pki_tools import impostor_pki, resigned

TODAY = FIXED_NOW.date()



def _attackers_chip() -> SimulatedChip:
    """The specimen's data groups under EF.SOD signed by the attacker's own PKI, whose
    certificates even carry the genuine CSCA's and signer's names."""
    return SimulatedChip(resigned(make_specimen_files(TODAY), impostor_pki(specimen_pki("CHN"))))


def _read(wf: Workflow, chip: SimulatedChip) -> None:
    wf.services.card_reader.present(chip)
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()


@pytest.mark.parametrize("anchors", ["none configured", "specimen CSCA"])
def test_a_chip_signed_by_an_unknown_authority_goes_to_the_counter(wf, anchors):
    if anchors == "none configured":
        wf.services.trust = TrustStore()     # the sample's trust folder missing or empty
    _read(wf, _attackers_chip())
    assert wf.state is State.HANDOVER
    assert wf.session.handover_reason is HandoverReason.SIGNER_UNKNOWN
    assert wf.session.chip_check == "csca_unknown"
    assert wf.session.identity is None and wf.session.eligibility is None
    wf.finish()
    assert wf.last_outcome is Outcome.HANDED_OVER and wf.session.is_wiped()


def test_a_genuine_chip_on_a_kiosk_without_anchors_goes_to_the_counter_too(wf):
    """The kiosk cannot tell it from a forgery: it never renews on what it cannot check."""
    wf.services.trust = TrustStore()
    _read(wf, SimulatedChip(make_specimen_files(TODAY)))
    assert wf.state is State.HANDOVER and wf.session.handover_reason is HandoverReason.SIGNER_UNKNOWN
    assert wf.session.identity is None


def test_the_demo_trusts_its_specimen_card(wf):
    """Demo mode keeps working under the same rule: its trust store holds the specimen
    CSCA, so the specimen chip passes passive authentication."""
    assert any(c.dump() == specimen_csca("demo").dump() for c in wf.services.trust.certificates)
    _read(wf, SimulatedChip(make_specimen_files(TODAY)))
    assert wf.state is State.ELIGIBILITY, wf.session.problem
    assert wf.session.chip_check == "passed"


def test_the_specimen_csca_is_trusted_only_by_the_demos_simulated_reader(tmp_path, demo_cfg):
    """Its key comes from a public seed: anyone can sign a chip with it."""
    from launcher.services import _trust_store
    from kiosk.config import with_overrides
    from kiosk.config.model import KioskConfig

    production = KioskConfig.model_validate({"kiosk": {"mode": "production", "data_dir": tmp_path}})
    assert len(_trust_store(production)) == 0        # its trust folder is empty
    real_reader = with_overrides(demo_cfg, {"devices.card_reader.driver": "pcsc"})
    assert len(_trust_store(real_reader)) == 0       # a demo that reads real cards
    with pytest.raises(RuntimeError, match="demo mode"):
        specimen_csca("production")
