"""The fingerprint step of the workflow, for a Chinese card, on the real libfprint stack.

The unit tests walk the step on the simulated scanner and the driver's own test feeds
libfprint directly; neither shows that the step, with the driver the configuration
names, takes its prints from libfprint. Here the kiosk's services are built from a
configuration naming the "libfprint" driver and its `virtual_image` device, the session
goes from the card to the fingerprint step headless, and the test's hand presses every
print over the device's socket: the right index twice, a faint press the quality check
sends back, the left index twice. The step must finish on its own, the session reach the
contact step, and the application's ISO/IEC 19794-4 record hold the very images pressed.

The hand presses only once the workflow has reported judging the previous press, never
ahead of the step: a press given in the moment before the next capture begins waits in
the socket until the virtual device starts reading on activation, but two queued presses
would race the device's one-client listener.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable

import cv2
import numpy as np
import pytest

from hardware.fingerprint.synthetic_prints import Press, make_print
from kiosk.domain.cases import Case
from kiosk.workflow.states import State
from tests.integration.fingerprint.virtual_image import VirtualImageHand, virtual_image_available
from tests.phone_check_walk import pass_phone_check

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not virtual_image_available(), reason="libfprint's introspection data is not installed"),
]

# Synthetic fingers (seeds), one per finger asked for. libfprint runs its own minutiae
# detection on every capture and refuses, as a generic "retry", an image where it finds
# none: about half the faint synthetic presses (seed 21's, for one). Finger 12's faint
# press still shows libfprint some minutiae, so it reaches the kiosk's quality check,
# which is what this test is about.
RIGHT_INDEX, LEFT_INDEX = 12, 13
PRESSES = [                               # (finger's seed, press) in the order the hand gives them
    (RIGHT_INDEX, Press.GOOD),
    (RIGHT_INDEX, Press.FAINT),           # too light: the step asks again for the same press
    (RIGHT_INDEX, Press.GOOD),
    (LEFT_INDEX, Press.GOOD),
    (LEFT_INDEX, Press.GOOD),
]
WAIT_S = 20.0                             # for one step of the journey; a hung capture fails, not blocks


class StepWatch:
    """What the step has done so far, as its workflow reports it: the hand waits on it."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.in_step = False
        self.handled = 0                  # presses the step has judged (kept or sent back)
        self.problems: list[str] = []

    def __call__(self, event: str, wf) -> None:   # type: ignore[no-untyped-def]
        with self._cond:
            if event == "state" and wf.state is State.FINGERPRINTS:
                self.in_step = True
            elif self.in_step and event in ("problem", "fingerprints"):
                self.handled += 1
                if event == "problem" and wf.session.problem:
                    self.problems.append(wf.session.problem.code)
            elif self.in_step and event == "state" and wf.state is State.CONTACT:
                self.handled += 1         # the last press ends the step
            self._cond.notify_all()

    def wait_for(self, ready: Callable[[], bool]) -> bool:
        with self._cond:
            return self._cond.wait_for(ready, timeout=WAIT_S)


@pytest.fixture
def hand(tmp_path, monkeypatch):
    path = str(tmp_path / "virtimg")
    monkeypatch.setenv("FP_VIRTUAL_IMAGE", path)   # before the scanner's first open enumerates
    return VirtualImageHand(path)


@pytest.fixture
def wf(tmp_path, session_tmp, hand):
    from kiosk.config import with_overrides
    from kiosk.demo.config import demo_config
    from tests.headless_workflow import headless_workflow

    cfg = with_overrides(demo_config(tmp_path / "data"), {
        "document.country": "CHN",
        "devices.fingerprint.driver": "libfprint",
        "devices.fingerprint.device": "virtual_image",
        "devices.fingerprint.capture_timeout_seconds": 10,
    })
    with headless_workflow(cfg) as flow:
        yield flow


def test_the_step_takes_a_chinese_cards_prints_from_libfprint_into_the_iso_record(wf, hand):
    from hardware.fingerprint.libfprint import LibfprintScanner
    from kiosk.biometrics.finger_record import FINGER_POSITIONS, read_record

    assert isinstance(wf.services.fingerprint, LibfprintScanner)   # chosen by the configuration
    watch = StepWatch()
    wf.subscribe(watch)
    sent: list[np.ndarray] = []
    failures: list[str] = []

    def press_every_print() -> None:
        if not watch.wait_for(lambda: watch.in_step):
            failures.append("the session never reached the fingerprint step")
            return
        for i, (finger, press) in enumerate(PRESSES):
            if not watch.wait_for(lambda: watch.handled >= i):
                failures.append(f"the step did not deal with press {i}")
                return
            pixels = make_print(finger, press).pixels
            hand.press(pixels)
            sent.append(pixels)

    presser = threading.Thread(target=press_every_print, daemon=True)
    presser.start()
    # Jobs run on this thread: choosing the portrait enters the step, whose captures
    # block here until the hand's presses come through libfprint.
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    assert wf.state is State.PORTRAIT, wf.session.problem
    wf.choose_portrait(0)
    presser.join(WAIT_S)
    assert not presser.is_alive() and failures == [], failures

    assert wf.state is State.CONTACT, wf.session.problem
    assert watch.problems == ["fingerprint_press_harder"]       # the faint press, sent back once
    assert len(sent) == len(PRESSES)
    kept = wf.session.fingerprints
    assert [(c.finger, c.press) for c in kept] == [
        ("right_index", 1), ("right_index", 2), ("left_index", 1), ("left_index", 2)]
    assert wf.session.fingerprints_declined == ""

    wf.set_contact("13800138000", "station")
    pass_phone_check(wf)
    wf.sign(b"\x89PNG\r\n\x1a\n signature")
    wf.submit()
    assert wf.state is State.RECEIPT, wf.session.problem
    payload = wf.services.store.get(wf.session.application_id).to_payload()["fingerprints"]
    assert payload["status"] == "captured"
    dpi, views = read_record(base64.b64decode(payload["iso_19794_4"]))
    assert dpi == 500        # the virtual device reports no resolution: the configured one
    assert [(v.position, v.view_number, v.views) for v in views] == [
        (FINGER_POSITIONS["right_index"], 1, 2), (FINGER_POSITIONS["right_index"], 2, 2),
        (FINGER_POSITIONS["left_index"], 1, 2), (FINGER_POSITIONS["left_index"], 2, 2)]
    # Each view is the very image pressed through libfprint (not the faint one, not a
    # stand-in): lossless, pixel for pixel.
    good = [pixels for pixels, (_, press) in zip(sent, PRESSES) if press is Press.GOOD]
    for view, pixels in zip(views, good, strict=True):
        stored = cv2.imdecode(np.frombuffer(view.image, np.uint8), cv2.IMREAD_UNCHANGED)
        assert stored.shape == pixels.shape and (stored == pixels).all()
