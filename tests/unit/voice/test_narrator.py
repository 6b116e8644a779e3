"""What the journey says when: the narrator's policy, on a fake workflow."""

from __future__ import annotations

from types import SimpleNamespace

from hardware.speaker.simulated import SimulatedSpeaker
from kiosk.voice.guide import VoiceGuide
from kiosk.voice.narrator import Narrator, receipt_essentials
from kiosk.workflow.problems import Problem
from kiosk.workflow.states import State
from tests.voice_helpers import FakeSynth


class FakeWorkflow:
    def __init__(self):
        self.state = State.WELCOME
        self.session = SimpleNamespace(problem=None, receipt=None)
        self.idle_seconds_left = None
        self.listeners = []

    def subscribe(self, listener):
        self.listeners.append(listener)

    def emit(self, event):
        for listener in self.listeners:
            listener(event, self)


def setup():
    synth = FakeSynth()
    guide = VoiceGuide(SimulatedSpeaker(speed=0), synthesize=synth, enabled=False, volume=0.6)
    words = {"screen": ("en", ["Screen words."]), "problem": ("en", ["What went wrong.", "What to do."]),
             "idle": ("en", ["Are you still there?"])}
    narrator = Narrator(guide, lambda kind: words[kind])
    workflow = FakeWorkflow()
    narrator.attach(workflow)
    guide.set_enabled(True)
    return workflow, guide, synth


def said(guide, synth):
    assert guide.wait_idle(5)
    return [text for _, text in synth.asked]


def test_each_new_screen_a_problem_and_the_idle_warning_once_are_said():
    workflow, guide, synth = setup()
    workflow.state = State.CASE
    workflow.emit("state")
    assert said(guide, synth) == ["Screen words."]
    workflow.emit("state")                          # the same screen redrawn: not again
    workflow.session.problem = Problem("card_pulled")
    workflow.emit("problem")
    assert said(guide, synth)[1:] == ["What went wrong.", "What to do."]
    for left in (30, 29, 28):
        workflow.idle_seconds_left = left
        workflow.emit("idle")
    assert said(guide, synth)[3:] == ["Are you still there?"]


def test_the_receipt_says_its_number_spelled_and_the_pickup():
    workflow, guide, synth = setup()
    receipt = SimpleNamespace(
        application_number="KX01-261203-00174", pickup_text="At the police station",
        pickup_info="from 2027-01-05", label=lambda key: {"application_number": "Application number",
                                                         "pickup": "Pick-up"}[key])
    workflow.session.receipt = receipt
    workflow.state = State.RECEIPT
    workflow.emit("state")
    spoken = said(guide, synth)
    assert spoken[0] == "Screen words."
    assert spoken[1] == "Application number: K X 0 1, 2 6 1 2 0 3, 0 0 1 7 4"
    assert spoken[2].startswith("Pick-up: At the police station from 2 0 2 7")
    assert receipt_essentials(None) == []


def test_the_end_of_a_session_resets_volume_and_voice():
    workflow, guide, synth = setup()
    workflow.state = State.REVIEW
    workflow.emit("state")
    guide.louder()
    workflow.state = State.WELCOME
    workflow.emit("state")
    assert guide.volume == 0.6 and not guide.enabled


def test_refresh_says_only_what_is_new_on_the_screen_and_only_when_silent():
    synth = FakeSynth()
    guide = VoiceGuide(SimulatedSpeaker(speed=0), synthesize=synth, enabled=True)
    shown = ["Look at the camera.", "Move closer."]
    narrator = Narrator(guide, lambda kind: ("en", list(shown)))
    workflow = FakeWorkflow()
    narrator.attach(workflow)
    workflow.state = State.FACE_CHECK
    workflow.emit("state")
    assert said(guide, synth) == ["Look at the camera.", "Move closer."]
    narrator.refresh()
    assert said(guide, synth)[2:] == []               # nothing new
    shown[1] = "Hold still."
    narrator.refresh()
    assert said(guide, synth)[2:] == ["Hold still."]


def test_a_problem_said_is_not_said_again_by_the_refresh():
    synth = FakeSynth()
    guide = VoiceGuide(SimulatedSpeaker(speed=0), synthesize=synth, enabled=True)
    shown = ["Put your card on the reader."]
    words = {"screen": lambda: ("en", list(shown)), "problem": lambda: ("en", ["Card moved.", "Put it back."])}
    narrator = Narrator(guide, lambda kind: words[kind]())
    workflow = FakeWorkflow()
    narrator.attach(workflow)
    workflow.state = State.IDENTIFY
    workflow.emit("state")
    assert said(guide, synth) == ["Put your card on the reader."]
    shown += ["Card moved.", "Put it back."]
    workflow.session.problem = Problem("card_pulled")
    workflow.emit("problem")
    assert said(guide, synth)[1:] == ["Card moved.", "Put it back."]
    narrator.refresh()
    assert said(guide, synth)[3:] == []
