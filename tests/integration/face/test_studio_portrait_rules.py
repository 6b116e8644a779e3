"""A studio's portrait under the kiosk's portrait rules (issue 16): one cropped to the
format passes although its head fills the picture, one that breaks a rule is named by
that rule, and bytes that are no picture are refused without decoding a thing."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.biometrics.portrait_maker import RulesPortraitMaker
from kiosk.config.model import PortraitSettings
from kiosk.demo.face import DemoStandInPortraitMaker
from kiosk.demo.specimen import specimen_portrait

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def maker() -> RulesPortraitMaker:
    return RulesPortraitMaker(PortraitSettings())


def test_a_compliant_portrait_in_the_format_passes(maker, positive) -> None:
    finished = maker.make([positive], keep=1)
    assert finished, "the compliant frame makes a portrait"
    assert maker.check_supplied(finished[0].jpeg) == ""     # framing rules are the studio's


def test_a_portrait_that_breaks_a_rule_is_refused_by_that_rule(maker) -> None:
    assert maker.check_supplied(specimen_portrait()) == "mouth_closed"   # the specimen's smile
    blank = cv2.imencode(".jpg", np.full((441, 358, 3), 200, np.uint8))[1].tobytes()
    assert maker.check_supplied(blank) == "single_face_present"


def test_bytes_that_are_no_portrait(maker) -> None:
    assert maker.check_supplied(b"\xff\xd8\xff not a jpeg") == "unreadable"
    huge = cv2.imencode(".png", np.zeros((1, 20_000, 3), np.uint8))[1].tobytes()
    assert maker.check_supplied(huge) == "unreadable"


def test_the_demo_stand_in_has_no_rules_to_hold_it_to() -> None:
    assert DemoStandInPortraitMaker.check_supplied(object.__new__(DemoStandInPortraitMaker), specimen_portrait()) == ""
