"""Which moment of the journey says what: the policy of the voice guidance.

The screens own the words (they are translated in `ui/`), so the narrator asks the
window for them (`words(kind)` -> language and texts) and decides the rest:

- a new screen says its instruction (and cuts what the previous one was saying);
- a problem says what happened and the next step;
- the idle warning is said once when it appears, not every second of its countdown;
- a language switch says the screen again in the new language;
- on the receipt, the essentials are added from the receipt itself: the application
  number (spelled character by character, `speakable`) and how and where to pick up;
- a session that ends (back to welcome or out of service) resets volume and voice;
- what changes on a screen without a workflow event (the camera's guidance, a liveness
  step, a wait's message) is said by `refresh`, called about once a second: only the new
  texts, and only when nothing is being said, so guidance never talks over itself.

Subscribe it after the window, so the screen is drawn before its words are read.
"""

from __future__ import annotations

from typing import Any, Callable

from kiosk.voice.guide import VoiceGuide
from kiosk.workflow.states import State

Words = Callable[[str], tuple[str, list[str]]]     # kind -> (language, texts)

# Between two citizens: arriving here ends whatever session there was.
RESTING_STATES = frozenset({State.WELCOME, State.OUT_OF_SERVICE})


def receipt_essentials(receipt: Any) -> list[str]:
    """'Application number: K X 0 1 ...', 'Pick-up: at the station, from 2027-01-05'."""
    if receipt is None:
        return []
    said = [f"{receipt.label('application_number')}: {receipt.application_number}"]
    pickup = " ".join(part for part in (receipt.pickup_text, receipt.pickup_info) if part)
    if pickup:
        said.append(f"{receipt.label('pickup')}: {pickup}")
    return said


class Narrator:
    def __init__(self, guide: VoiceGuide, words: Words) -> None:
        self.guide = guide
        self.words = words
        self._state: State | None = None
        self._idle_said = False
        self._heard: tuple[str, ...] = ()      # the screen's texts when last said

    def attach(self, workflow: Any) -> None:
        workflow.subscribe(self.on_event)
        self._state = workflow.state

    def on_event(self, event: str, workflow: Any) -> None:
        if event == "state":
            state = workflow.state
            if state is self._state:
                return
            if state in RESTING_STATES and self._state not in RESTING_STATES:
                self.guide.end_session()
            self._state = state
            self._idle_said = False
            self.say_screen(workflow)
        elif event == "language":
            self.say_screen(workflow)
        elif event == "problem":
            if workflow.session.problem is not None:
                self._say("problem")
                self._heard = tuple(self.words("screen")[1])   # the problem box: said now
        elif event == "idle":
            if workflow.idle_seconds_left is None:
                self._idle_said = False
            elif not self._idle_said:
                self._idle_said = True
                self._say("idle")

    def refresh(self) -> None:
        """Say what is new on the screen since it was last read (the window's tick)."""
        if not self.guide.enabled or self.guide.speaking:
            return
        lang, texts = self.words("screen")
        new = [t for t in texts if t not in self._heard]
        self._heard = tuple(texts)
        if new:
            self.guide.say(lang, new)

    def say_screen(self, workflow: Any) -> None:
        lang, texts = self.words("screen")
        self._heard = tuple(texts)
        if workflow.state is State.RECEIPT:
            texts = [*texts, *receipt_essentials(workflow.session.receipt)]
        self.guide.say(lang, texts)

    def _say(self, kind: str) -> None:
        lang, texts = self.words(kind)
        self.guide.say(lang, texts)
