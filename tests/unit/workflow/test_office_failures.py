"""An office that gives no answer: the citizen is told what they can do now.

Before, every failure of a look-up read "try again in a minute, or go to the counter",
also when a minute could not help (an office that is down, a certificate refused, no
office configured). Now only "busy" (429/503) suggests another try; the rest name the
way that is open: the chip where the case has one, the camera instead of the studio's
photo, the counter.
"""

from __future__ import annotations

import pytest

from kiosk.demo.specimen import specimen_identity
from kiosk.domain.cases import Case
from kiosk.identity import SealedIdentity
from kiosk.office import OfficeFailure, OfficeUnavailable, ReferenceRegistry, StudioPhotos
from kiosk.workflow.states import State
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
NOT_BUSY = [f for f in OfficeFailure if f is not OfficeFailure.BUSY]


class FailingRegistry(ReferenceRegistry):
    def __init__(self, failure: OfficeFailure) -> None:
        self.failure = failure

    def lookup(self, id_number: str):  # type: ignore[no-untyped-def]
        raise OfficeUnavailable("down", self.failure)


class FailingStudio(StudioPhotos):
    def __init__(self, failure: OfficeFailure) -> None:
        self.failure = failure

    def fetch(self, code: str) -> bytes | None:
        raise OfficeUnavailable("down", self.failure)


def _type_number(wf) -> None:  # type: ignore[no-untyped-def]
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    wf.submit_id_number(specimen_identity(TODAY).id_number)


@pytest.mark.parametrize("failure", NOT_BUSY)
def test_a_lost_card_whose_look_up_fails_is_sent_to_the_counter(wf, failure) -> None:
    wf.services.registry = FailingRegistry(failure)
    _type_number(wf)
    assert wf.state is State.IDENTIFY and wf.session.sealed_identity is None
    assert wf.session.problem.code == "office_unreachable"


@pytest.mark.parametrize("failure", NOT_BUSY)
def test_a_card_with_a_chip_is_offered_the_chip(failure) -> None:
    from kiosk.workflow.office_problems import identify_problem

    assert identify_problem(OfficeUnavailable("down", failure), chip_possible=True).code == "office_unreachable_card"
    assert identify_problem(OfficeUnavailable("busy", OfficeFailure.BUSY), chip_possible=True).code == "office_busy"


def test_a_busy_office_is_worth_another_try(wf) -> None:
    wf.services.registry = FailingRegistry(OfficeFailure.BUSY)
    _type_number(wf)
    assert wf.session.problem.code == "office_busy"


@pytest.mark.parametrize("failure", NOT_BUSY)
def test_a_studio_code_that_cannot_be_looked_up_offers_the_camera(wf, failure) -> None:
    wf.services.studio = FailingStudio(failure)
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    assert wf.state is State.PORTRAIT
    wf.use_studio_code("12345678")
    assert wf.state is State.PORTRAIT and wf.session.portrait is None
    assert wf.session.problem.code == "studio_unavailable"


def test_the_record_after_a_match_failing_is_an_office_problem_not_a_camera_one(wf) -> None:
    """The second call (the record, after the face matched) fails: nothing is shown."""
    holder = specimen_identity(TODAY)

    def release(decision):  # type: ignore[no-untyped-def]
        raise OfficeUnavailable("slow", OfficeFailure.SLOW)

    class TwoStep(ReferenceRegistry):
        releases_after_match = True

        def lookup(self, id_number):  # type: ignore[no-untyped-def]
            raise AssertionError("never asked for the whole record")

        def seal(self, id_number):  # type: ignore[no-untyped-def]
            return SealedIdentity(None, photo=holder.reference_photo, release=release)

    wf.services.registry = TwoStep()
    _type_number(wf)
    assert wf.state is State.FACE_CHECK, wf.session.problem
    assert wf.session.identity is None
    assert wf.session.problem is not None and wf.session.problem.code == "office_unreachable"

