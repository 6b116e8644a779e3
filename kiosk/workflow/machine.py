"""The renewal state machine: the transition table, the citizen's actions, the dispatch.

`TRANSITIONS` below is the whole workflow in one screen: which trigger moves which state
where. `GLOBAL` holds the rows whole groups of states share, written once: cancel,
timeout, a device failure and out-of-service. That is pibooth's failsafe idea as a
table: whatever step a citizen is in, a failed device leads to one declared state, and
`retry` is a declared move back to the state that failed (`RETRY_TO` where that is
another). Beside the table: how each move that ends a session is recorded
(`SESSION_ENDS`) and which shared moves a running job holds back (`HELD_WHILE_BUSY`).
Every state change goes through `_go`, which looks its trigger up; a trigger the table
does not allow in the current state raises `InvalidTransition` instead of doing
something surprising.

Every citizen action is a method that names its trigger. The steps' blocking work runs
as jobs (see `jobs.py`), each step in a module of its own: `card_read`, `face_steps`,
`submission`; `camera_lease` lends them the camera and `card_watch` keeps a card left on
the reader from being read as the next citizen's. Results come back on the owner's
thread as verdicts (`verdicts.py`) that `_follow` turns into triggers, so no step
decides where the citizen goes.

Who the citizen is comes one of two ways, and the order of the next steps follows it.
A chip read is the citizen's own card in their hand: "Is this you?" (ELIGIBILITY) comes
first, then the face check against the chip's photo. A typed number can be anyone's:
its record stays sealed (`SealedIdentity`) through the face check against the office's
reference photo, and only a match shows "Is this you?" (`looked_up`, `holder_matched`,
then `proceed_matched` past the face check already done). An e-ID app's code, verified
by the office, takes the typed number's way: whoever holds the phone may not be its owner.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable

from kiosk.biometrics.interfaces import FaceDecision, PortraitCandidate
from kiosk.domain.cases import Case
from kiosk.domain.admin_divisions import address_complete
from kiosk.domain.contact import normalise_phone, valid_mobile
from kiosk.domain.postal_address import PostalAddress
from kiosk.identity import Identity, SealedIdentity
from kiosk.office import OfficeUnavailable
from kiosk.workflow import (
    code_scan, face_steps, fingerprint_steps, office_problems, payment_steps, phone_check, submission,
)
from kiosk.workflow.camera_lease import CameraLease
from kiosk.workflow.card_read import CardRead, chip_unreadable, judge_document, judge_failure
from kiosk.workflow.card_watch import CardLeftOnReader, CardWatch
from kiosk.workflow.jobs import Job, JobContext, JobRunner
from kiosk.workflow.journey_time import JourneyTimes
from kiosk.workflow.problems import Problem
from kiosk.workflow.services import Services
from kiosk.workflow.session import Session
from kiosk.workflow.states import ACTIVE_STATES, HandoverReason, IdentifyMode, Move, Outcome, State, step_of
from kiosk.workflow.verdicts import DeviceFailed, HandOver, Redraw, ShowProblem, TryAgain, Verdict

log = logging.getLogger("kiosk.workflow")


class _WhereItFailed:
    """Stands in the table for the state a device failure interrupted."""

    def __repr__(self) -> str:
        return "<the state that failed>"


WHERE_IT_FAILED = _WhereItFailed()

S = State
TRANSITIONS: dict[State, dict[str, State | _WhereItFailed]] = {
    S.WELCOME:        {"start": S.CASE},
    S.CASE:           {"choose_case": S.CONSENT, "back": S.WELCOME},    # back: the session ends
    S.IDENTIFY:       {"identified": S.ELIGIBILITY, "looked_up": S.FACE_CHECK, "back": S.CASE, "handover": S.HANDOVER},
    S.ELIGIBILITY:    {"proceed": S.FACE_CHECK, "proceed_matched": S.PORTRAIT, "back": S.CASE, "finish": S.GOODBYE},
    S.FACE_CHECK:     {"face_matched": S.PORTRAIT, "holder_matched": S.ELIGIBILITY, "change_number": S.IDENTIFY,
                       "handover": S.HANDOVER},
    S.PORTRAIT:       {"portrait_chosen": S.CONTACT, "to_fingerprints": S.FINGERPRINTS, "back_to_review": S.REVIEW},
    S.FINGERPRINTS:   {"fingerprints_done": S.CONTACT, "back": S.PORTRAIT},
    S.CONTACT:        {"contact_done": S.REVIEW, "back": S.PORTRAIT, "back_to_fingerprints": S.FINGERPRINTS,
                       "back_to_review": S.REVIEW},
    S.REVIEW:         {"submit": S.SUBMIT, "edit_portrait": S.PORTRAIT, "edit_contact": S.CONTACT},
    S.SUBMIT:         {"saved": S.RECEIPT, "save_failed": S.DEVICE_ERROR},   # retry: see RETRY_TO
    S.RECEIPT:        {"finish": S.GOODBYE},
    S.HANDOVER:       {"finish": S.GOODBYE},
    S.DEVICE_ERROR:   {"finish": S.GOODBYE, "retry": WHERE_IT_FAILED},
    S.GOODBYE:        {"restart": S.WELCOME},
    S.OUT_OF_SERVICE: {"back_in_service": S.WELCOME},
    # issue 15, consent before the camera: nothing is read or filmed before "agree".
    S.CONSENT:        {"agree": S.IDENTIFY, "back": S.CASE},
}
# Phone check (issue 16): a number the office has not confirmed yet is confirmed with
# the code it texts; wrong too often, or no office, and the counter takes over.
TRANSITIONS[S.CONTACT]["check_phone"] = S.PHONE_CHECK
TRANSITIONS[S.PHONE_CHECK] = {"phone_confirmed": S.REVIEW, "back": S.CONTACT, "handover": S.HANDOVER}
# Payment (issue 16): a fee due is paid after the review; only then is anything saved.
# Paid goes on to the save; expired or cancelled may go back to the review; an office
# that cannot take or confirm the payment hands the citizen over to the counter.
TRANSITIONS[S.REVIEW]["pay"] = S.PAYMENT
TRANSITIONS[S.PAYMENT] = {"paid": S.SUBMIT, "back_to_review": S.REVIEW, "handover": S.HANDOVER}
# Rows shared by groups of states (a state's own row never repeats one of these triggers).
EVERY_STATE = frozenset(State)
GLOBAL: dict[str, tuple[frozenset[State], State]] = {
    "cancel":         (ACTIVE_STATES, S.GOODBYE),          # the session is wiped (never mid-save)
    "timeout":        (ACTIVE_STATES, S.WELCOME),          # idle too long: the session is wiped
    "device_failed":  (ACTIVE_STATES, S.DEVICE_ERROR),     # remembers where, for "retry"
    "out_of_service": (EVERY_STATE, S.OUT_OF_SERVICE),     # when idle, else as the session ends
}
# Where "retry" leads from the device error when not to the state that failed: a failed
# save goes back to the review, where the citizen submits the same application again.
RETRY_TO: dict[State, State] = {S.SUBMIT: S.REVIEW}
# How each move that ends a session is recorded, per state it leaves (the session is
# wiped before the move): "finish" says what the citizen finished.
SESSION_ENDS: dict[str, dict[State, Outcome]] = {
    "finish":  {S.RECEIPT: Outcome.COMPLETED, S.HANDOVER: Outcome.HANDED_OVER,
                S.ELIGIBILITY: Outcome.NOT_ELIGIBLE, S.DEVICE_ERROR: Outcome.DEVICE_ERROR},
    "back":    {S.CASE: Outcome.CANCELLED},                    # from the first choice only
    "cancel":  dict.fromkeys(GLOBAL["cancel"][0], Outcome.CANCELLED),
    "timeout": dict.fromkeys(GLOBAL["timeout"][0], Outcome.TIMED_OUT),
}
# Shared moves refused while the state's job runs: a save in progress is never
# interrupted (the citizen could not know whether their application was saved).
HELD_WHILE_BUSY: dict[str, frozenset[State]] = {"cancel": frozenset({S.SUBMIT})}
# States that may hold the camera: the face steps, and the identify step while it reads
# the card's QR code. Moving between them keeps it open; leaving them closes it.
CAMERA_STATES = frozenset({S.IDENTIFY, S.FACE_CHECK, S.PORTRAIT})


class InvalidTransition(RuntimeError):
    pass


Listener = Callable[[str, "Workflow"], None]


class Workflow:
    """Drives one kiosk through sessions. Not thread-safe: call it from one thread.

    Time comes from `services.monotonic` (idle countdown, goodbye) and `services.clock`
    (dates): tests move them instead of waiting."""

    def __init__(
        self,
        services: Services,
        runner: JobRunner,
        *,
        face_frames: int = 10,
        frame_interval_s: float = 0.12,
        portrait_countdown_s: float = 3.0,
        goodbye_seconds: int = 10,
        card_may_be_on_reader: bool = False,
    ) -> None:
        self.services = services
        self.config: Any = services.config
        self.runner = runner
        self.face_frames = face_frames
        self.frame_interval_s = frame_interval_s
        self.portrait_countdown_s = portrait_countdown_s
        self.goodbye_seconds = goodbye_seconds
        self.state: State = S.WELCOME
        self.session = Session()
        self.last_outcome: Outcome | None = None
        self.busy: str = ""                      # name of the running job, "" when idle
        self.progress: tuple[int, int, str] = (0, 0, "")
        self.idle_seconds_left: int | None = None  # countdown shown when not None
        self.last_move: Move | None = None       # how the current state was reached (the journal reads it)
        self._generation = 0                     # bumps on every session end: stale jobs are dropped
        self._job: Job | None = None
        self._retry_state: State | None = None   # where "retry" returns (WHERE_IT_FAILED, RETRY_TO)
        self._out_of_service: set[str] = set()   # reasons that hold (see set_out_of_service)
        self._last_activity = self._entered_at = self._journey_began = self._monotonic()
        self.journey_times = JourneyTimes()      # what the welcome screen promises
        self._listeners: list[Listener] = []
        self._camera = CameraLease(services)
        self._scanner: Any = None                # the code scanner of the last "scan_code" job
        self._scanning_for = ""                  # what it looks for (see `scanning_for`)
        self._phone_shown_left: int | None = None  # the resend countdown as last drawn (issue 16)
        self._card_watch = CardWatch(services, runner, lambda: self._notify("card"), self._monotonic)
        if card_may_be_on_reader:
            self._card_watch.arm(look=False)

    # ------------------------------------------------------------------ observers
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _notify(self, event: str) -> None:
        for listener in list(self._listeners):
            listener(event, self)

    # ------------------------------------------------------------------ what screens may ask
    @property
    def holder_sealed(self) -> bool:
        """A typed number's record waits for the face check: say nothing about its holder."""
        return self.session.sealed_identity is not None

    @property
    def face_confirmed(self) -> bool:
        """The live face matched the reference of the identity the session holds now."""
        decision = self.session.face_decision
        return decision is not None and decision.match

    @property
    def may_type_number(self) -> bool:
        """The citizen may type their ID number instead of having the chip read, now."""
        case = self.session.case
        return case is not None and case.may_type_number(chip_unreadable(self.session.problem))

    @property
    def may_use_chip(self) -> bool:
        """The citizen has a card whose chip may be read."""
        case = self.session.case
        return case is not None and case.may_use_chip

    @property
    def face_tries_left(self) -> int:
        """Face checks the citizen may still fail before the counter takes over."""
        return face_steps.tries_left(self.session, self.config.session.face_attempts)

    @property
    def step(self) -> int | None:
        """The citizen-facing step number of this moment ("Step 3 of 7"), None for none."""
        return step_of(self.state, face_first=self.face_confirmed)

    @property
    def card_left_on_reader(self) -> bool:
        """A card nobody is using lies on the reader: "take your card" / "card left"."""
        return self._card_watch.card_left

    @property
    def analyzer(self) -> Any:
        """The live face analysis while the camera is in use (the screens draw its overlay)."""
        return self._camera.analyzer

    @analyzer.setter
    def analyzer(self, analyzer: Any) -> None:
        self._camera.analyzer = analyzer

    # ------------------------------------------------------------------ transitions
    def _target(self, trigger: str) -> State:
        """Where `trigger` leads from the current state; raises when the table has no row."""
        row = TRANSITIONS.get(self.state, {})
        if trigger in row:
            target = row[trigger]
        elif trigger in GLOBAL and self.state in GLOBAL[trigger][0]:
            target = GLOBAL[trigger][1]
        else:
            raise InvalidTransition(f"{trigger!r} is not allowed in state {self.state}")
        if self.busy and self.state in HELD_WHILE_BUSY.get(trigger, ()):
            raise InvalidTransition(f"{trigger!r} is not allowed in state {self.state} while its job runs")
        if isinstance(target, _WhereItFailed):
            if self._retry_state is None:
                raise InvalidTransition(f"{trigger!r}: no failed state to return to")
            return self._retry_state
        return target

    def _go(self, trigger: str, ended: Outcome | None = None) -> None:
        """The one way to change state; `ended` names the outcome of a session it ends."""
        target = self._target(trigger)
        if self.state is S.DEVICE_ERROR:
            self._retry_state = None    # remembered for one way out only
        elif target is S.DEVICE_ERROR:
            self._retry_state = RETRY_TO.get(self.state, self.state)
        self._enter(target, Move(trigger, self.state, target, self._monotonic() - self._entered_at, ended))

    def _enter(self, target: State, move: Move) -> None:
        previous = self.state
        self._cancel_job()          # first: an opener still waiting must see it cancelled
        if previous in CAMERA_STATES and target not in CAMERA_STATES | {S.DEVICE_ERROR}:
            self._camera.close()
        self.state = target
        self.progress = (0, 0, "")
        self._entered_at = self._monotonic()
        self.last_move = move
        if move.trigger == "saved":
            self.journey_times.record(self._entered_at - self._journey_began)
        self.touch()
        log.info("state %s -> %s", previous, target)
        self._notify("state")
        entry = getattr(self, f"_enter_{target.value}", None)
        if entry is not None:
            entry()

    def _end_session(self, trigger: str) -> None:
        """Every way out of a session ends here: the session is wiped before the move,
        and recorded as `SESSION_ENDS` says."""
        self._target(trigger)       # a move the table refuses wipes nothing
        outcome = SESSION_ENDS[trigger][self.state]
        self._cancel_job()
        self._leave_payment()
        self._camera.close()
        self._generation += 1
        self.last_outcome = outcome
        log.info("session ended: %s", outcome)
        self.session.wipe()
        forget = getattr(self.services.face_verifier, "forget", None)
        if forget is not None:
            forget()     # the templates of this citizen's faces go with the session
        self.idle_seconds_left = None
        self._card_watch.arm()      # whatever card lies there now is nobody's
        if self._out_of_service:    # what went bad during the session takes effect now
            trigger = "out_of_service"
        self._go(trigger, outcome)

    def _follow(self, verdict: Verdict, again: Callable[[], None] | None = None) -> None:
        """A step's verdict made a move (or none): the steps never choose a state."""
        match verdict:
            case ShowProblem(problem):
                self._problem(problem)
            case TryAgain(problem):
                self._problem(problem)
                assert again is not None, "a step that asks to try again says how"
                again()
            case Redraw():
                self._notify("state")
            case HandOver(reason):
                self._hand_over(reason)
            case DeviceFailed(problem):
                self._device_failed(problem)

    # ------------------------------------------------------------------ citizen actions
    def start(self, language: str | None = None, large_text: bool = False, high_contrast: bool = False) -> None:
        self._target("start")
        self.session = Session.begin(language or self.config.kiosk.default_language, self._now())
        self.session.large_text = large_text
        self.session.high_contrast = high_contrast
        self._journey_began = self._monotonic()
        self._go("start")

    def set_display(self, *, large_text: bool, high_contrast: bool) -> None:
        """The citizen's text size and contrast, switchable on every screen; they hold for
        this session only (the next citizen starts with the configured look)."""
        if self.session.session_id:          # a wiped session stays wiped
            self.session.large_text = large_text
            self.session.high_contrast = high_contrast
        self.touch()
        self._notify("display")

    def set_language(self, language: str) -> None:
        if self.session.session_id:          # a wiped session stays wiped
            self.session.language = language
        self.touch()
        self._notify("language")

    def choose_case(self, case: Case) -> None:
        self.session.case = case
        self.session.identify_mode = IdentifyMode.CHIP if case.needs_card else IdentifyMode.KEYPAD
        self._go("choose_case")

    # consent (issue 15) ------------------------------------------------------------
    def agree(self) -> None:
        """The citizen agreed to the use of their data and photo. Asked before anything
        is read or filmed: the identify step reads the chip's photo (or the camera looks
        for the card's code), and the face steps film the citizen. The review shows that
        it was given; without it nothing is submitted."""
        self._require(S.CONSENT)
        self.session.consent = True
        self._go("agree")

    def back(self) -> None:
        if self.state in SESSION_ENDS["back"]:   # back to the welcome screen ends the session
            self._end_session("back")
            return
        if self.state is S.ELIGIBILITY:
            # "This is not me": forget what was read and choose again (re-entering IDENTIFY
            # would read the same card at once).
            s = self.session
            s.identity = s.eligibility = s.validity = s.fee = None
            s.sealed_identity = s.face_decision = None   # a match was for the record refused here
            s.access_key, s.card_partial, s.chip_check, s.chip_protocol = None, None, "", ""
        if self.state is S.CONTACT and self.fingerprints_required:
            self._go("back_to_fingerprints")
            return
        if self.state is S.FINGERPRINTS:
            self._cancel_job()
            self.session.fingerprint_plan = None
        self._go("back")

    def cancel(self) -> None:
        self._end_session("cancel")

    def finish(self) -> None:
        self._end_session("finish")

    def restart(self) -> None:
        self._go("restart")

    # identify -------------------------------------------------------------------
    def use_keypad(self) -> None:
        self._require(S.IDENTIFY)
        if not self.may_type_number:
            raise InvalidTransition(f"the number may not be typed for a {self.session.case} card now")
        self.session.identify_mode = IdentifyMode.KEYPAD
        self.session.problem = None
        self._cancel_job()
        self._notify("state")

    def use_chip(self) -> None:
        self._require(S.IDENTIFY)
        if not self.may_use_chip:
            raise InvalidTransition(f"a {self.session.case} card has no chip to read")
        self.session.identify_mode = IdentifyMode.CHIP
        self.session.problem = None
        self._notify("state")
        self._start_card_read()

    def retry_card(self) -> None:
        self._require(S.IDENTIFY)
        self.session.problem = None
        self._start_card_read()

    def submit_id_number(self, text: str) -> None:
        """Check digits first, then the office look-up: nothing happens with an invalid number."""
        from kiosk.domain.id_numbers import InvalidIdNumber, parse_id_number

        self._require(S.IDENTIFY)
        self.touch()
        try:
            parsed = parse_id_number(text.strip().upper(), self.config.document.country)
        except InvalidIdNumber as exc:
            # Never the check character that would fit: a citizen told "the last one should
            # be 7" changes the last digit, and when another digit was mistyped the number
            # then passes the check and is somebody else's (or nobody's) number.
            self._problem(Problem("id_invalid", exc.message, {"reason": exc.code}))
            return
        number = parsed.number
        self.session.problem = None
        self._run_job(
            "lookup",
            lambda ctx: self.services.registry.seal(number),
            self._on_lookup,
            self._on_lookup_failed,
        )

    def _on_lookup(self, sealed: SealedIdentity) -> None:
        """Found or not, the record goes sealed to the face check: anyone can type anyone's
        number, so only a face that matches the office's photo learns anything about it,
        even whether there is a record (with none, no face matches)."""
        s = self.session
        s.sealed_identity = sealed
        s.identity = s.eligibility = s.validity = s.fee = s.face_decision = None
        s.problem = None
        self._prepare_reference(s.sealed_identity.reference_photo())
        self._go("looked_up")

    def _on_lookup_failed(self, exc: BaseException) -> None:
        self._problem(office_problems.identify_problem(exc, chip_possible=self.may_use_chip))

    def _on_studio_failed(self, exc: BaseException) -> None:
        self._problem(office_problems.studio_problem(exc))

    def _enter_identify(self) -> None:
        self.session.problem = None
        if self.session.identify_mode is IdentifyMode.CHIP:
            self._start_card_read()

    def provide_access_key(self, *, can: str = "", document_number: str = "", birth: str = "", expiry: str = "") -> None:
        """The citizen typed the CAN (front of the card) or the MRZ fields (back): read again."""
        from kiosk.documents.access import CanKey, MrzKey

        self._require(S.IDENTIFY)
        self.touch()
        try:
            key = CanKey(can.strip()) if can else MrzKey(document_number, birth.strip(), expiry.strip())
        except ValueError:
            self._problem(Problem("access_key_invalid", "the typed access data is not well formed"))
            return
        self.session.access_key = key
        self.session.identify_mode = IdentifyMode.CHIP
        self.session.problem = None
        self._notify("state")
        self._start_card_read()

    def _start_card_read(self) -> None:
        read = CardRead(self.services, self.session, must_clear=self._card_watch.pending)

        def done(document: Any) -> None:
            self._card_watch.read_finished(read.cleared, still_there=False)
            judged = judge_document(document, self.session, self.config.document.country)
            if isinstance(judged, Identity):
                self._identified(judged)
            else:
                self._follow(judged)

        def failed(exc: BaseException) -> None:
            self._card_watch.read_finished(read.cleared, still_there=isinstance(exc, CardLeftOnReader))
            verdict = judge_failure(exc, self.session, self.config.session.card_attempts)
            self._follow(verdict, again=self._start_card_read)

        self._run_job("read_card", read, done, failed)

    def _identified(self, identity: Identity) -> None:
        """A chip's identity: the citizen holds the card, so "Is this you?" comes first."""
        self.session.sealed_identity = self.session.face_decision = None   # a new identity: no face seen yet
        self._prepare_reference(identity.reference_photo)
        self._learn(identity)
        self._go("identified")

    def _prepare_reference(self, photo: bytes | None) -> None:
        """The reference's template is computed now, while the citizen reads the next
        screen, so the face check's decision does not wait for it."""
        prepare = getattr(self.services.face_verifier, "prepare", None)
        if prepare is not None and photo:
            prepare(photo)

    def _learn(self, identity: Identity) -> None:
        """What the screens may show from here on: the identity and what follows from it."""
        from kiosk.domain.eligibility import RenewalRules, check_eligibility
        from kiosk.domain.fees import FeeTable, fee_for
        from kiosk.domain.validity import new_card_validity

        today = self._now().astimezone().date()   # the citizen's day, not UTC's
        rules = RenewalRules(
            window_days=self.config.rules.renewal_window_days,
            min_age_self_service=self.config.rules.min_age_self_service,
        )
        fees = self.config.fees
        table = FeeTable(currency=fees.currency, expiring=fees.expiring, damaged=fees.damaged, lost=fees.lost)
        s = self.session
        s.identity = identity
        s.eligibility = check_eligibility(s.case, identity.birth_date, identity.card_expiry, today, rules)
        s.validity = new_card_validity(identity.birth_date, today)
        s.fee = fee_for(s.case, table)
        s.problem = None

    # eligibility ----------------------------------------------------------------
    def proceed(self) -> None:
        self._require(S.ELIGIBILITY)
        if not self.session.eligibility or not self.session.eligibility.eligible:
            raise InvalidTransition("not eligible: only 'finish' or 'back' are possible")
        # A typed number's holder was shown only after their face matched: that check is done.
        self._go("proceed_matched" if self.face_confirmed else "proceed")

    # face check -----------------------------------------------------------------
    def _enter_face_check(self) -> None:
        self.session.problem = None
        self._start_face_check()

    def retry_face(self) -> None:
        self._require(S.FACE_CHECK)
        self.session.problem = None
        self._start_face_check()

    def change_number(self) -> None:
        """Back to the keypad from the face check of a typed number: a mistyped number finds
        another record or none, which no face matches. The failed tries still count. For an
        e-ID code this is "use another way": the keypad, where a fresh code may be shown too."""
        self._require(S.FACE_CHECK)
        s = self.session
        if s.sealed_identity is None:
            raise InvalidTransition("only a typed number (or an e-ID code) can be changed at the face check")
        s.sealed_identity = s.face_decision = None
        s.identify_mode = IdentifyMode.KEYPAD
        s.problem = None
        self._go("change_number")

    def _start_face_check(self) -> None:
        bio = self.config.biometrics
        open_camera = self._camera.opener()
        analyzer = self._camera.analyzer_for("liveness" if bio.liveness.required else "guide")
        work = face_steps.face_check(
            self.session, camera=self.services.camera, open_camera=open_camera, analyzer=analyzer,
            verifier=self.services.face_verifier, biometrics=bio, count=self.face_frames,
            interval=self.frame_interval_s,
        )
        self._run_job("face_check", work, self._on_face_checked, self._on_face_check_failed)

    def _on_face_checked(self, decision: FaceDecision) -> None:
        s = self.session
        s.face_decision = decision
        log.info("face decision: %s", decision.as_record())
        if not decision.match:
            self._follow(face_steps.judge_mismatch(decision, s, self.config.session.face_attempts))
            return
        sealed, s.sealed_identity = s.sealed_identity, None
        if sealed is None:
            self._go("face_matched")
        else:   # the holder of the typed number is in front of the camera: now show them
            self._learn(sealed.open(decision))
            self._go("holder_matched")

    def _on_face_check_failed(self, exc: BaseException) -> None:
        """The camera, or for a typed number that matched, the office's second call."""
        if isinstance(exc, OfficeUnavailable):
            self._problem(office_problems.identify_problem(exc, chip_possible=self.may_use_chip))
            return
        self._on_camera_failed(exc)

    def _on_camera_failed(self, exc: BaseException) -> None:
        self._follow(face_steps.judge_camera_failure(exc))

    # portrait -------------------------------------------------------------------
    def _enter_portrait(self) -> None:
        self.session.problem = None
        if not self.session.portrait_candidates:
            self.capture_portrait()

    def capture_portrait(self) -> None:
        self._require(S.PORTRAIT)
        open_camera = self._camera.opener()
        live = self.services.portrait_maker.live_capture
        analyzer = self._camera.analyzer_for("portrait") if live else None
        work = face_steps.portrait(
            camera=self.services.camera, open_camera=open_camera, analyzer=analyzer,
            maker=self.services.portrait_maker, countdown=self.portrait_countdown_s, count=self.face_frames,
            interval=self.frame_interval_s,
        )
        self.session.portrait_candidates = []
        self._run_job("portrait", work, self._on_portraits, self._on_camera_failed)

    def _on_portraits(self, candidates: list[PortraitCandidate]) -> None:
        from kiosk.biometrics.portrait_variety import distinct

        self.session.portrait_candidates = distinct(candidates)   # never two that look the same
        if not candidates:
            self._problem(Problem("portrait_not_found", "no usable portrait"))
        else:
            self.session.problem = None
            self._notify("portraits")

    def retake_portrait(self) -> None:
        self._require(S.PORTRAIT)
        self.session.portrait = None
        self.capture_portrait()

    def choose_portrait(self, index: int) -> None:
        self._require(S.PORTRAIT)
        self.session.portrait = self.session.portrait_candidates[index]
        self._after_portrait()

    def _after_portrait(self) -> None:
        """Where the portrait leads: the prints first where the law asks for them."""
        if self.fingerprints_required:
            self._after_edit("to_fingerprints")
        else:
            self._after_edit("portrait_chosen")

    @property
    def fingerprints_required(self) -> bool:
        """This kiosk's documents need fingerprints (and a scanner was built for them)."""
        return self.services.fingerprint is not None and self.config.fingerprints_required

    def use_studio_code(self, code: str) -> None:
        self._require(S.PORTRAIT)
        code = code.strip()
        self._cancel_job()

        def work(ctx: JobContext) -> tuple[bytes | None, str]:
            jpeg = self.services.studio.fetch(code)
            ctx.check_cancelled()
            # The office vouches that a studio uploaded it, not that it keeps the rules.
            return jpeg, (self.services.portrait_maker.check_supplied(jpeg) if jpeg else "")

        def done(fetched: tuple[bytes | None, str]) -> None:
            jpeg, broken = fetched
            if not jpeg:
                self._problem(Problem("studio_code_invalid", "unknown photo-receipt code"))
                return
            if broken:
                log.info("studio portrait refused by the portrait rules: %s", broken)
                self._problem(Problem("studio_photo_rejected", f"breaks the portrait rule {broken}",
                                      {"rule": broken}))
                return
            self.session.portrait = PortraitCandidate(jpeg=jpeg, score=1.0, source="studio")
            self._after_portrait()

        self._run_job("studio", work, done, self._on_studio_failed)

    # codes shown to the camera ---------------------------------------------------
    # The card's front QR fills the ID number (keypad) or what it can of the chip's access
    # key; a studio's photo receipt fetches its portrait. The code is read by a scanner on
    # its own thread (`code_scan`); the screens draw its guidance from `scanner`.
    @property
    def scanner(self) -> Any:
        """The code scanner while the camera looks for a code, else None."""
        return self._scanner if self.busy == "scan_code" else None

    @property
    def may_scan_card_code(self) -> bool:
        """The citizen may show their card's QR code instead of typing, now."""
        from kiosk.domain.country_rules import card_has_qr

        return (self.state is S.IDENTIFY and card_has_qr(self.config.document.country)
                and self.session.identify_mode in (IdentifyMode.KEYPAD, IdentifyMode.ACCESS_KEY))

    @property
    def scanned_id_number(self) -> str:
        """The ID number read off the card's QR code ("" when none was)."""
        card = self.session.scanned_card
        return card.id_number if card is not None else ""

    @property
    def scanned_access_fields(self) -> dict[str, str]:
        """What the card's QR code gives of the chip's access key (MRZ fields), or {}."""
        from kiosk.codes.cccd import access_fields

        card = self.session.scanned_card
        return access_fields(card) if card is not None else {}

    def scan_code(self) -> None:
        """Look for the code this step takes: the card's QR (identify), a studio's photo
        receipt (portrait)."""
        from kiosk.codes.kinds import CodeKind

        if self.state is S.IDENTIFY:
            if not self.may_scan_card_code:
                raise InvalidTransition("no card code to scan now")
            accept, done, what = {CodeKind.CCCD}, self._on_card_code, "card"
        elif self.state is S.PORTRAIT:
            accept, done, what = {CodeKind.STUDIO_PHOTO}, self._on_studio_code, "studio"
        else:
            raise InvalidTransition(f"no code to scan in state {self.state}")
        self._scan(accept, done, what)

    def _scan(self, accept: set[Any], done: Callable[[Any], None], what: str) -> None:
        from kiosk.codes.kinds import classify, classify_for_eid
        from kiosk.codes.scanner import CodeScanner

        self.touch()
        self.session.problem = None
        open_camera = self._camera.opener()
        self._scanner = CodeScanner(self.services.camera, accept,
                                    classify_text=classify_for_eid if what == "eid" else classify)
        self._scanning_for = what
        work = code_scan.scan(scanner=self._scanner, open_camera=open_camera)
        self._run_job("scan_code", work, done, self._on_camera_failed)

    def stop_scanning(self) -> None:
        """The citizen closed the camera view: stop looking (the portrait goes on)."""
        if self.busy != "scan_code":
            return
        self._cancel_job()
        self.touch()
        if self.state is S.IDENTIFY:
            self._camera.close()
        self._notify("state")
        if self.state is S.PORTRAIT and not self.session.portrait_candidates:
            self.capture_portrait()

    def _on_card_code(self, code: Any) -> None:
        self._camera.close()        # the identify step needs the camera no longer
        if code is None:
            self._problem(Problem("code_not_found", "no code was shown in time"))
            return
        self.session.scanned_card = code.content
        self.session.problem = None
        self._notify("scanned")

    def _on_studio_code(self, code: Any) -> None:
        if code is None:
            self._problem(Problem("code_not_found", "no code was shown in time"))
            return
        self.use_studio_code(code.content.code)

    # e-ID codes (issue 16, e-ID journey) ------------------------------------------
    # A citizen without a card shows the verification code of their national e-ID app
    # (a short-lived QR its issuer checks online). The kiosk cannot read the code: the
    # office verifies it ("verify_eid" job) and answers the identity it vouches for.
    # Whoever holds the phone need not be that person, so the identity goes sealed to the
    # face check like a typed number's record (`_on_lookup`), and only a match shows it.
    @property
    def may_scan_eid(self) -> bool:
        """The citizen may show an e-ID app's code instead of typing their number, now:
        one without a card (a card's chip, where there is one, proves more)."""
        return (self.state is S.IDENTIFY and self.services.eid is not None and self.may_type_number
                and not self.may_use_chip and self.session.identify_mode is IdentifyMode.KEYPAD)

    @property
    def scanning_for(self) -> str:
        """Which code the camera looks for now: "card", "eid", "studio", or "" (none)."""
        return self._scanning_for if self.busy == "scan_code" else ""

    @property
    def holder_from_eid(self) -> bool:
        """The identity at the face check came from an e-ID code (not a typed number)."""
        return self.holder_sealed and self.session.identify_mode is IdentifyMode.EID

    def scan_eid_code(self) -> None:
        from kiosk.codes.kinds import CodeKind

        self._require(S.IDENTIFY)
        if not self.may_scan_eid:
            raise InvalidTransition("no e-ID code may be shown now")
        self._scan({CodeKind.EID}, self._on_eid_code, "eid")

    def _on_eid_code(self, code: Any) -> None:
        if code is None:
            self._camera.close()
            self._problem(Problem("code_not_found", "no code was shown in time"))
            return
        token = code.content.token
        self.session.problem = None
        # The camera stays open: a verified code leads straight to the face check.
        self._run_job("verify_eid", lambda ctx: self.services.eid.verify(token), self._on_eid_verified,
                      self._on_eid_failed)

    def _on_eid_verified(self, identity: Identity | None) -> None:
        if identity is None:
            self._camera.close()
            self._problem(Problem("eid_code_invalid", "unknown, expired or used e-ID code"))
            return
        log.info("e-ID code verified by the office")
        self.session.identify_mode = IdentifyMode.EID
        self._on_lookup(SealedIdentity(identity))

    def _on_eid_failed(self, exc: BaseException) -> None:
        self._camera.close()
        self._problem(office_problems.eid_problem(exc, chip_possible=self.may_use_chip))

    # fingerprints -----------------------------------------------------------------
    @property
    def fingerprint_plan(self) -> Any:
        """Which finger and press the screen asks for now (None outside the step)."""
        return self.session.fingerprint_plan

    def _enter_fingerprints(self) -> None:
        s = self.session
        s.problem = None
        # Back from the contact step, or a retry after a device error: ask again from the start.
        s.fingerprints, s.fingerprints_declined = [], ""
        s.fingerprint_plan = fingerprint_steps.FingerPlan.from_config(self.config.fingerprints)
        self._start_press()

    def _start_press(self) -> None:
        s = self.session
        s.finger_on_scanner = False
        timeout = self.config.devices.fingerprint.capture_timeout_seconds
        work = fingerprint_steps.capture_press(self.services.fingerprint, timeout)
        self._run_job("fingerprint", work, self._on_press, self._on_press_failed, on_progress=self._on_finger)

    def _on_finger(self, note: str) -> None:
        self.session.finger_on_scanner = note == "finger_on"

    def _on_press(self, image: Any) -> None:
        s, fp = self.session, self.config.fingerprints
        plan = s.fingerprint_plan
        quality = fingerprint_steps.judge(image, fp)
        if quality.usable:
            s.fingerprints.append(fingerprint_steps.keep(image, plan.finger, plan.press, quality))
            s.problem = None
            plan.pressed()
        else:
            s.problem = Problem(fingerprint_steps.FAULT_PROBLEMS[quality.fault], quality.fault.value)
            if plan.failed() and plan.finger:
                s.problem = Problem("fingerprint_other_finger", quality.fault.value)
        self._next_press()

    def _next_press(self) -> None:
        plan = self.session.fingerprint_plan
        if plan.complete:
            self._fingerprints_finished()
            return
        self._notify("problem" if self.session.problem else "fingerprints")
        self._start_press()

    def _on_press_failed(self, exc: BaseException) -> None:
        self._follow(fingerprint_steps.judge_failure(exc))

    def retry_fingerprint(self) -> None:
        """Scan again after no finger came in time."""
        self._require(S.FINGERPRINTS)
        self.session.problem = None
        self._notify("fingerprints")
        self._start_press()

    def other_finger(self) -> None:
        """The citizen cannot press this finger: ask for the next fallback finger."""
        self._require(S.FINGERPRINTS)
        self._cancel_job()
        self.session.problem = None
        self.session.fingerprint_plan.replace()
        self._next_press()

    def cannot_give_fingerprints(self) -> None:
        """No finger can be scanned: recorded for the counter, and the application goes on."""
        self._require(S.FINGERPRINTS)
        self._cancel_job()
        self.session.fingerprints_declined = fingerprint_steps.DECLINED_CANNOT_GIVE
        self._leave_fingerprints()

    def _fingerprints_finished(self) -> None:
        s = self.session
        if len(s.fingerprint_plan.done) < len(self.config.fingerprints.fingers):
            s.fingerprints_declined = fingerprint_steps.DECLINED_NO_USABLE_PRINT
        self._leave_fingerprints()

    def _leave_fingerprints(self) -> None:
        s = self.session
        s.problem, s.fingerprint_plan, s.finger_on_scanner = None, None, False
        log.info("fingerprints: %d presses kept%s", len(s.fingerprints),
                 f", declined ({s.fingerprints_declined})" if s.fingerprints_declined else "")
        self._go("fingerprints_done")

    # contact ----------------------------------------------------------------------
    def set_contact(
        self, phone: str, pickup_method: str, postal_address: str = "", address: PostalAddress | None = None
    ) -> None:
        """`address`: the regions picked and the street typed (the address step's
        pickers); `postal_address`: one typed line, for callers without pickers."""
        self._require(S.CONTACT)
        if not valid_mobile(phone, self.config.document.country):
            self._problem(Problem("phone_invalid", "not a mobile number"))
            return
        if pickup_method not in ("station", "post"):
            raise ValueError(f"unknown pick-up method {pickup_method!r}")
        if pickup_method == "post" and address is not None:
            if not address_complete(address, self.config.document.country):
                self._problem(Problem("address_missing", "regions or street missing"))
                return
            postal_address = address.one_line()
        if pickup_method == "post" and len(postal_address.strip()) < 8:
            self._problem(Problem("address_missing", "a postal address is needed"))
            return
        s = self.session
        s.phone = normalise_phone(phone)
        s.pickup_method = pickup_method
        s.postal_address = postal_address.strip() if pickup_method == "post" else ""
        s.postal_address_parts = address if pickup_method == "post" else None
        s.problem = None
        if self.phone_check_required and s.phone != s.phone_confirmed:
            self._go("check_phone")
        else:
            self._after_edit("contact_done")

    def _after_edit(self, trigger: str) -> None:
        if self.session.editing_from_review:
            self.session.editing_from_review = False
            self._go("back_to_review")
        else:
            self._go(trigger)

    # phone check (issue 16) ---------------------------------------------------------
    @property
    def phone_check_required(self) -> bool:
        """The office confirms the mobile number with a code before the review."""
        return self.services.phone_check is not None

    @property
    def phone_check(self) -> Any:
        """The check of the number typed (kiosk.workflow.phone_check), None before a code."""
        return self.session.phone_check

    @property
    def phone_resend_seconds_left(self) -> int:
        """Seconds until a new code may be sent (0: now, if one may be sent at all)."""
        progress = self.session.phone_check
        return progress.resend_seconds_left(self._monotonic()) if progress is not None else 0

    @property
    def may_resend_code(self) -> bool:
        progress = self.session.phone_check
        return (self.state is S.PHONE_CHECK and not self.busy and progress is not None
                and progress.may_resend(self._monotonic()))

    @property
    def may_answer_code(self) -> bool:
        progress = self.session.phone_check
        return (self.state is S.PHONE_CHECK and progress is not None and progress.sent is not None
                and not progress.locked and progress.tries_left > 0)

    @property
    def phone_check_stuck(self) -> bool:
        """No code can confirm the number here now (wrong too often, no more codes, the
        office cannot send): what is left is another number or the counter."""
        problem = self.session.problem
        return self.state is S.PHONE_CHECK and problem is not None and problem.code in phone_check.STUCK

    @property
    def phone_counter_offered(self) -> bool:
        """The counter is offered as the way on from the phone check now."""
        problem = self.session.problem
        return self.state is S.PHONE_CHECK and problem is not None and problem.code in phone_check.COUNTER_OFFERED

    def _enter_phone_check(self) -> None:
        s = self.session
        s.problem = None
        progress = s.phone_check
        if progress is not None and progress.phone == s.phone:
            # Back from "change the number" with the same one: the code sent still counts.
            if progress.locked:
                s.problem = Problem("phone_code_locked", "no tries left for this number")
                return
            if progress.sent is not None:
                return
            if not progress.may_resend(self._monotonic()):   # expired, and a new one not yet
                s.problem = Problem("phone_code_expired" if progress.sends_left else "phone_code_no_more",
                                    "no code to answer")
                return
        else:
            sends = progress.sends if progress is not None else 0   # codes per session, whatever the number
            s.phone_check = phone_check.PhoneCheckProgress(s.phone, sends=sends)
        if s.phone_check.sends_left <= 0:
            s.problem = Problem("phone_code_no_more", "no more codes in this session")
            return
        self._send_code()

    def resend_code(self) -> None:
        """A new code (the first did not arrive); only after the visible delay."""
        self._require(S.PHONE_CHECK)
        self.touch()
        progress = self.session.phone_check
        if progress is None or not progress.may_resend(self._monotonic()):
            if progress is not None and progress.sends_left <= 0:
                self._problem(Problem("phone_code_no_more", "no more codes in this session"))
            return
        self.session.problem = None
        self._send_code()

    def _send_code(self) -> None:
        s = self.session
        work = phone_check.send(self.services.phone_check, s.phone, s.language or "en")
        self._run_job("send_code", work, self._on_code_sent, self._on_phone_check_failed)

    def _on_code_sent(self, sent: Any) -> None:
        self.session.phone_check.code_sent(sent, self._monotonic())
        self._phone_shown_left = None
        self.session.problem = None
        log.info("phone check: code sent (%d of %d)", self.session.phone_check.sends, phone_check.MAX_SENDS)
        self._notify("phone_check")

    def answer_phone_code(self, code: str) -> None:
        """The code the citizen typed from the text message."""
        self._require(S.PHONE_CHECK)
        self.touch()
        progress = self.session.phone_check
        if not self.may_answer_code or self.busy:
            return
        if not phone_check.well_formed(code):
            self._problem(Problem("phone_code_wrong", "not a code", {"remaining": str(progress.tries_left)}))
            return
        self.session.problem = None
        work = phone_check.answer(self.services.phone_check, progress.sent.check_id, code)
        self._run_job("check_code", work, self._on_code_answered, self._on_phone_check_failed)

    def _on_code_answered(self, answer: Any) -> None:
        s = self.session
        progress = s.phone_check
        if answer is None:   # expired or used up at the office: only a new code helps
            progress.sent, progress.tries_left = None, 0
            code = "phone_code_expired" if progress.sends_left > 0 else "phone_code_no_more"
            self._problem(Problem(code, "the office no longer knows this code"))
            return
        if answer.confirmed:
            log.info("phone check: confirmed")
            s.phone_confirmed, s.phone_check, s.problem = s.phone, None, None
            s.editing_from_review = False
            self._go("phone_confirmed")
            return
        progress.tries_left = min(answer.tries_left, max(progress.tries_left - 1, 0))
        log.info("phone check: wrong code, %d tries left", progress.tries_left)
        if progress.tries_left <= 0:
            progress.locked = True
            self._problem(Problem("phone_code_locked", "no tries left for this number"))
        else:
            self._problem(Problem("phone_code_wrong", "wrong code", {"remaining": str(progress.tries_left)}))

    def _on_phone_check_failed(self, exc: BaseException) -> None:
        self._problem(office_problems.phone_check_problem(exc))

    def phone_to_counter(self) -> None:
        """The number cannot be confirmed here: the counter finishes the application."""
        self._require(S.PHONE_CHECK)
        self._hand_over(HandoverReason.PHONE)

    def _phone_tick(self) -> None:
        """The resend countdown on screen goes down once a second."""
        left = self.phone_resend_seconds_left
        if left != self._phone_shown_left:
            self._phone_shown_left = left
            self._notify("phone_check")

    # review and submit ------------------------------------------------------------
    def edit(self, section: str) -> None:
        self._require(S.REVIEW)
        self.session.editing_from_review = True
        self._go({"portrait": "edit_portrait", "contact": "edit_contact"}[section])

    def sign(self, signature_png: bytes) -> None:
        """The signature as it stands now (b"" when cleared or too short to be one)."""
        self.session.signature_png = signature_png
        self.touch()
        self._answered("signature_missing", bool(signature_png))

    def _answered(self, code: str, done: bool) -> None:
        # A "please agree / please sign" message goes as soon as the citizen did it: left
        # on screen it reads as if the tick or the signature had not counted.
        problem = self.session.problem
        if done and problem is not None and problem.code == code:
            self.session.problem = None
        self._notify("problem")

    @property
    def promised_minutes(self) -> int:
        """"About N minutes": the measured median journey here (see `journey_time`)."""
        return self.journey_times.promise_minutes()

    @property
    def may_submit(self) -> bool:
        """The review may be sent: the citizen agreed and signed."""
        return self.state is S.REVIEW and self.session.consent and bool(self.session.signature_png)

    def submit(self) -> None:
        self._require(S.REVIEW)
        if not self.session.consent:
            self._problem(Problem("consent_missing", "consent is needed"))
            return
        if not self.session.signature_png:
            self._problem(Problem("signature_missing", "a signature is needed"))
            return
        self.session.problem = None
        if self.session.application is None:   # built once: a retry submits the same one
            self.session.application = submission.build_application(self.session, self.config, self._now())
        if self.payment_due:
            self._go("pay")
        else:
            self._go("submit")

    # payment (issue 16) -------------------------------------------------------------
    # The office issues an order with a code the citizen's payment app scans; a job asks
    # for its status until it is paid, expired or cancelled (`payment_steps`). Paid goes
    # on to the save with the payment's reference on the application; a fee of 0 never
    # comes here. An order still open when the session ends is cancelled at the office.
    @property
    def payment_due(self) -> bool:
        """The application's fee is still to be paid here (due, and not paid yet)."""
        from kiosk.payment import PaymentStatus, fee_is_due

        order = self.session.payment_order
        paid = order is not None and order.status is PaymentStatus.PAID
        return fee_is_due(self.session.fee.amount if self.session.fee else None) and not paid

    @property
    def payment_seconds_left(self) -> int | None:
        """Seconds until the shown order expires (the countdown), None with no open order."""
        ends = self.session.payment_ends_at
        if ends is None or self.state is not S.PAYMENT:
            return None
        return max(0, int(round(ends - self._monotonic())))

    def _enter_payment(self) -> None:
        self.session.problem = None
        self._start_payment()

    def _start_payment(self) -> None:
        s = self.session
        s.payment_attempts += 1
        s.payment_order, s.payment_ends_at = None, None
        watch = payment_steps.PaymentWatch()
        work = payment_steps.pay(payments=self.services.payments, store=self.services.store,
                                 application=s.application, attempt=s.payment_attempts, watch=watch,
                                 poll_s=self.config.office.payment_poll_seconds)

        def shown(note: str) -> None:
            order = watch.order
            if order is not None and order is not s.payment_order:
                if s.payment_order is None or s.payment_order.order_id != order.order_id:
                    s.payment_ends_at = self._monotonic() + order.expires_in_seconds
                s.payment_order = order

        self._run_job("payment", work, self._on_payment, self._on_payment_failed, on_progress=shown)

    def _on_payment(self, order: Any) -> None:
        from kiosk.card_application import payment_record
        from kiosk.payment import PaymentStatus

        s = self.session
        s.payment_order = order
        log.info("payment: %s", order.status.value)
        if order.status is PaymentStatus.PAID:
            s.application.payment = payment_record("paid", order.reference, s.application.fee_amount)
            s.payment_ends_at = None
            s.problem = None
            self._go("paid")
            return
        s.payment_ends_at = None
        code = "payment_expired" if order.status is PaymentStatus.EXPIRED else "payment_cancelled"
        self._problem(Problem(code, f"the order is {order.status.value}"))

    def _on_payment_failed(self, exc: BaseException) -> None:
        problem = office_problems.payment_problem(exc)
        if problem is None:   # the office cannot take or confirm it: the counter can
            self._leave_payment()
            self._hand_over(HandoverReason.PAYMENT)
            return
        self._problem(problem)

    def pay_again(self) -> None:
        """A new order after an expired or cancelled one, or after a busy office."""
        self._require(S.PAYMENT)
        if self.busy:
            raise InvalidTransition("a payment order is open")
        self.touch()
        self.session.problem = None
        self._start_payment()

    def cancel_payment(self) -> None:
        """The citizen tapped cancel: the order is cancelled at the office (a payment that
        arrived first stays paid and goes on)."""
        self._require(S.PAYMENT)
        order = self.session.payment_order
        if self.busy != "payment" or order is None:
            raise InvalidTransition("no open payment order to cancel")
        self.touch()
        work = payment_steps.cancel_order(self.services.payments, order.order_id)
        self._run_job("payment_cancel", work, self._on_payment, self._on_payment_failed)

    def back_to_review(self) -> None:
        """From an expired or cancelled order (or a busy office) back to the review."""
        self._require(S.PAYMENT)
        if self.busy:
            raise InvalidTransition("a payment order is open")
        self.session.problem = None
        self.session.payment_order = self.session.payment_ends_at = None
        self._go("back_to_review")

    def _leave_payment(self) -> None:
        """An order still open is cancelled at the office, on a job of its own whose
        answer nobody waits for: the session it belonged to is over."""
        from kiosk.payment import PaymentStatus

        order = self.session.payment_order
        if self.state is not S.PAYMENT or order is None or order.status is not PaymentStatus.PENDING:
            return
        self.session.payment_order = None
        work = payment_steps.cancel_order(self.services.payments, order.order_id)
        self.runner.start(Job("payment_cancel", work, lambda _: None,
                              lambda exc: log.warning("payment: an open order could not be cancelled (%s)",
                                                      type(exc).__name__)))

    def _enter_submit(self) -> None:
        work = submission.save_and_print(self.session.application, self.services)
        self._run_job("submit", work, self._on_submitted, self._on_submit_failed)

    def _on_submitted(self, value: Any) -> None:
        application, issued = value
        submission.record_saved(self.session, application, issued)
        self._go("saved")

    def _on_submit_failed(self, exc: BaseException) -> None:
        log.error("saving the application failed: %s", type(exc).__name__)
        self.session.problem = Problem("save_failed", type(exc).__name__)
        self._go("save_failed")

    # hand-over and device errors --------------------------------------------------
    def _hand_over(self, reason: HandoverReason) -> None:
        """To the counter, naming why: the screen words it, the operators' log counts it."""
        self.session.handover_reason = reason
        self.session.sealed_identity = None   # a typed number's record is never opened now
        log.info("handed over to the counter: %s", reason)
        self._go("handover")

    def _device_failed(self, problem: Problem) -> None:
        self.session.problem = problem
        self._camera.close()
        self._go("device_failed")

    def retry(self) -> None:
        self._require(S.DEVICE_ERROR)
        self.session.problem = None
        self._go("retry")

    def shutdown(self) -> None:
        """The kiosk is quitting: stop work, release the camera, forget the citizen."""
        self._cancel_job()
        self._camera.close()
        self._camera.wait_closed(5.0)   # quitting: release the device before the process ends
        self._generation += 1
        self.session.wipe()

    def wait_camera_closed(self, timeout: float | None = None) -> bool:
        """Block until the last camera close has finished (quitting, tests, the tour)."""
        return self._camera.wait_closed(timeout)

    # out of service -----------------------------------------------------------------
    # Several reasons can hold at once (the printer out of paper while a technician has
    # switched the kiosk off): each is a code the screen words in the citizen's language
    # (kiosk.operations.service_control lists them), set and cleared by whoever knows
    # it, and the kiosk serves again only when none is left. A citizen already in a
    # session finishes first: the reasons take effect as the session ends.
    @property
    def out_of_service_reasons(self) -> tuple[str, ...]:
        """Every reason that holds now, shown or waiting for the session to end."""
        return tuple(sorted(self._out_of_service))

    @property
    def out_of_service_reason(self) -> str:
        """What the out-of-service screen names ("" while the kiosk serves)."""
        return ", ".join(self.out_of_service_reasons) if self.state is S.OUT_OF_SERVICE else ""

    def set_out_of_service(self, reason: str) -> None:
        if not reason:
            raise ValueError("an out-of-service reason is a non-empty code")
        new = reason not in self._out_of_service
        self._out_of_service.add(reason)
        if self.state is S.OUT_OF_SERVICE:
            if new:
                self._notify("out_of_service")   # one more reason to show
        elif self.state in (S.WELCOME, S.GOODBYE):
            self._go("out_of_service")
        # else the citizen in front finishes first (see _end_session)

    def back_in_service(self, reason: str | None = None) -> None:
        """`reason` no longer holds (None: none does). The kiosk serves again once no
        reason is left."""
        if reason is None:
            self._out_of_service.clear()
        elif reason in self._out_of_service:
            self._out_of_service.discard(reason)
        else:
            return
        if self.state is not S.OUT_OF_SERVICE:
            return
        if self._out_of_service:
            self._notify("out_of_service")       # one reason fewer to show
        else:
            self._go("back_in_service")

    # time -------------------------------------------------------------------------
    def touch(self) -> None:
        """Any tap: the citizen is still there."""
        self._last_activity = self._monotonic()
        if self.idle_seconds_left is not None:
            self.idle_seconds_left = None
            self._notify("idle")

    def stay(self) -> None:
        self.touch()

    def tick(self) -> None:
        """Called about once a second. Runs the idle countdown and the goodbye screen."""
        now = self._monotonic()
        if self.state in (S.GOODBYE, S.WELCOME, S.OUT_OF_SERVICE) or (self.state is S.IDENTIFY and not self.busy):
            self._card_watch.look()   # in IDENTIFY: the old card taken off after the prompt
        if self.state is S.GOODBYE:
            shown = now - self._entered_at
            card_left = self._card_watch.card_left
            # Hold the goodbye while the citizen's card is still on the reader, for a while.
            if shown >= self.goodbye_seconds and (
                (not card_left and now >= self._card_watch.thanks_until)
                or shown >= self.config.session.card_removal_seconds
            ):
                if card_left:
                    log.warning("card left on the reader after the session")
                self._go("restart")
            return
        if self.state is S.PHONE_CHECK:
            self._phone_tick()
        if self.state is S.PAYMENT and self.session.payment_ends_at is not None:
            self._notify("payment")   # the countdown
        if self.state not in ACTIVE_STATES or self.busy:
            return
        idle = now - self._last_activity
        warn = self.idle_warning_seconds
        left = int(round(warn + self.config.session.idle_countdown_seconds - idle))
        if idle < warn:
            return
        if left <= 0:
            self._end_session("timeout")
            return
        if left != self.idle_seconds_left:
            self.idle_seconds_left = left
            self._notify("idle")

    @property
    def receipt_unprinted(self) -> bool:
        """The receipt is on the screen only: the printer could not print it (issue 15)."""
        result = self.session.print_result
        return self.state is S.RECEIPT and result is not None and not result.ok

    @property
    def idle_warning_seconds(self) -> int:
        """Seconds without a touch before the idle countdown shows, in this state now."""
        # A receipt that exists only on the screen stays until the citizen says they have
        # noted the number ("finish"): copying the application number or keeping its QR code on a
        # phone takes longer than the usual minute, and a wipe in the middle loses the
        # number. It does not stay for ever: a citizen who walked away would leave their
        # masked name on show and the kiosk held, with a paper-out that takes effect only
        # when the session ends; the application is saved and the text message follows.
        if self.receipt_unprinted:
            return self.config.session.unprinted_receipt_seconds
        return self.config.session.idle_warning_seconds

    def _monotonic(self) -> float:
        return self.services.monotonic()

    def _now(self) -> dt.datetime:
        return self.services.clock()

    # helpers ----------------------------------------------------------------------
    def _require(self, state: State) -> None:
        if self.state is not state:
            raise InvalidTransition(f"only possible in state {state}, not {self.state}")

    def _problem(self, problem: Problem) -> None:
        self.session.problem = problem
        log.info("problem: %s", problem.code)
        self._notify("problem")

    def _run_job(self, name: str, work: Callable[[JobContext], Any], done: Callable[[Any], None],
                 failed: Callable[[BaseException], None], on_progress: Callable[[str], None] | None = None) -> None:
        self._cancel_job()
        generation, state = self._generation, self.state

        def current() -> bool:
            return self._generation == generation and self.state is state and self._job is job

        def on_done(value: Any) -> None:
            if current():
                self._job, self.busy = None, ""
                self.touch()
                done(value)

        def on_failed(exc: BaseException) -> None:
            if current():
                self._job, self.busy = None, ""
                self.touch()
                failed(exc)

        def progressed(d: int, t: int, note: str) -> None:
            if current():
                self.progress = (d, t, note)
                if on_progress is not None:
                    on_progress(note)
                self._notify("progress")

        job = Job(name, work, on_done, on_failed, progressed)
        self._job, self.busy = job, name
        self.progress = (0, 0, "")
        self._notify("busy")
        self.runner.start(job)

    def _cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job, self.busy = None, ""


__all__ = ["Workflow", "TRANSITIONS", "GLOBAL", "RETRY_TO", "SESSION_ENDS", "HELD_WHILE_BUSY", "InvalidTransition"]
