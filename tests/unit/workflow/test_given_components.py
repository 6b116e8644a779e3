"""The workflow and the screens use the components they are given; the launcher alone
reads what the configuration names (see `tests/unit/architecture/test_component_names.py`).

Whether the portrait is captured live is the portrait maker's property, not a name in
the configuration: a maker that says so gets the live analyzer, whatever it is called.
Whether the preview draws a face box of its own is the launcher's answer, in `Services`.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kiosk.biometrics.interfaces import PortraitCandidate, PortraitMaker
from kiosk.demo.haar_face import largest_face
from kiosk.domain.cases import Case
from kiosk.workflow.jobs import SyncJobRunner
from kiosk.workflow.machine import Workflow
from kiosk.workflow.states import State
from launcher import drivers
from launcher.services import build_services
from tests.conftest import FIXED_NOW


def _stand_ins(cfg):
    return cfg.model_copy(update={"biometrics": cfg.biometrics.model_copy(
        update={"face_verifier": "demo-standin", "portrait_maker": "demo-standin"})})


def test_the_preview_finds_faces_itself_only_where_no_analyzer_runs(demo_cfg):
    stand_ins = _stand_ins(demo_cfg)
    assert drivers.preview_face_finder(stand_ins) is largest_face
    assert drivers.live_analyzer_factory(stand_ins) is None
    assert drivers.preview_face_finder(demo_cfg) is None           # the real verifier: analysis draws
    assert drivers.live_analyzer_factory(demo_cfg) is not None


class PortraitAnalyzer:
    """A live analyzer in portrait mode that has captured at once."""

    def __init__(self, modes: list[str], mode: str) -> None:
        self.modes = modes
        modes.append(mode)
        self.running = True
        self.captured = [PortraitCandidate(jpeg=b"live", score=0.9)]

    def start(self) -> None: ...
    def stop(self, timeout: float = 0.0) -> None: ...
    def reset(self) -> None: ...

    def set_mode(self, mode: str) -> None:
        self.modes.append(mode)

    def wait_for(self, predicate, timeout, cancel):  # type: ignore[no-untyped-def]
        latest = SimpleNamespace(camera_ok=True, captured=True)
        assert predicate(latest)
        return latest

    def candidates(self) -> list[PortraitCandidate]:
        return self.captured


class Maker(PortraitMaker):
    def __init__(self, live: bool) -> None:
        self.live_capture = live
        self.bursts = 0

    def make(self, frames, keep=2):  # type: ignore[no-untyped-def]
        self.bursts += 1
        return [PortraitCandidate(jpeg=b"burst", score=0.5)]


@pytest.mark.parametrize("live", [True, False])
def test_the_portrait_is_captured_live_when_the_maker_says_so(demo_cfg, session_tmp, live):
    """The configuration names the stand-in maker here: only the maker's own property
    decides whether the live analyzer captures the portrait."""
    cfg = _stand_ins(demo_cfg)
    services = build_services(cfg, today=FIXED_NOW.date())
    services.clock = lambda: FIXED_NOW
    wf = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0, face_frames=2)
    try:
        wf.start("en")
        wf.choose_case(Case.EXPIRING)
        wf.agree()
        wf.proceed()
        assert wf.state is State.PORTRAIT            # the stand-ins matched on a burst
        modes: list[str] = []
        services.analyzer_factory = lambda camera, mode: PortraitAnalyzer(modes, mode)
        services.portrait_maker = maker = Maker(live)
        wf.retake_portrait()
        jpegs = [c.jpeg for c in wf.session.portrait_candidates]
        if live:
            assert (jpegs, modes, maker.bursts) == ([b"live"], ["portrait"], 0)
        else:
            assert (jpegs, modes, maker.bursts) == ([b"burst"], [], 1)
    finally:
        wf.shutdown()
        services.close()
