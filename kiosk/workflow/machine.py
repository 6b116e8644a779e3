"""The renewal state machine.

`TRANSITIONS` below is the whole workflow in one screen: which trigger moves which state
where. Every citizen action is a method that names its trigger; a trigger that the
table does not allow in the current state raises `InvalidTransition` instead of doing
something surprising. Blocking work runs as jobs (see `jobs.py`); their results come
back through `_on_*` handlers on the owner's thread.

Who the citizen is comes one of two ways, and the order of the next steps follows it.
A chip read is the citizen's own card in their hand: "Is this you?" (ELIGIBILITY) comes
first, then the face check against the chip's photo. A typed number can be anyone's:
its record stays sealed (`SealedIdentity`) through the face check against the office's
reference photo, and only a match shows "Is this you?" (`looked_up`, `holder_matched`,
then `proceed_matched` past the face check already done).

Three triggers apply to every active state and are not repeated in the table:
`cancel` (to GOODBYE), `timeout` (wipe, to WELCOME) and `device_failed` (to
DEVICE_ERROR, remembering where to retry).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import threading
import time
import uuid
from typing import Any, Callable

from hardware.errors import CameraUnavailable, CardReaderError, DeviceUnavailable, HardwareError
from kiosk.biometrics.interfaces import FaceDecision, PortraitCandidate
from kiosk.domain.cases import Case
from kiosk.domain.contact import normalise_phone, valid_mobile
from kiosk.identity import Identity, SealedIdentity
from kiosk.workflow.jobs import Job, JobContext, JobRunner
from kiosk.workflow.problems import Problem
from kiosk.workflow.services import Services
from kiosk.workflow.states import ACTIVE_STATES, HandoverReason, IdentifyMode, Outcome, State, step_of
from kiosk.session import Session

log = logging.getLogger("kiosk.workflow")

S = State
TRANSITIONS: dict[State, dict[str, State]] = {
    S.WELCOME:        {"start": S.CASE},
    S.CASE:           {"choose_case": S.IDENTIFY, "back": S.WELCOME},
    S.IDENTIFY:       {"identified": S.ELIGIBILITY, "looked_up": S.FACE_CHECK, "back": S.CASE, "handover": S.HANDOVER},
    S.ELIGIBILITY:    {"proceed": S.FACE_CHECK, "proceed_matched": S.PORTRAIT, "back": S.CASE, "finish": S.GOODBYE},
    S.FACE_CHECK:     {"face_matched": S.PORTRAIT, "holder_matched": S.ELIGIBILITY, "change_number": S.IDENTIFY,
                       "handover": S.HANDOVER},
    S.PORTRAIT:       {"portrait_chosen": S.CONTACT, "back_to_review": S.REVIEW},
    S.CONTACT:        {"contact_done": S.REVIEW, "back": S.PORTRAIT, "back_to_review": S.REVIEW},
    S.REVIEW:         {"submit": S.SUBMIT, "edit_portrait": S.PORTRAIT, "edit_contact": S.CONTACT},
    S.SUBMIT:         {"saved": S.RECEIPT, "save_failed": S.DEVICE_ERROR},
    S.RECEIPT:        {"finish": S.GOODBYE},
    S.HANDOVER:       {"finish": S.GOODBYE},
    S.DEVICE_ERROR:   {"finish": S.GOODBYE},   # "retry" returns to the state that failed
    S.GOODBYE:        {"restart": S.WELCOME},
    S.OUT_OF_SERVICE: {"back_in_service": S.WELCOME},
}
CAMERA_STATES = frozenset({S.FACE_CHECK, S.PORTRAIT})
CAMERA_GRACE_S = 5.0   # how long the camera may deliver nothing before it counts as failed
THANKS_AFTER_CARD_S = 3.0   # the goodbye stays this long after a late card is taken


class InvalidTransition(RuntimeError):
    pass


class CardLeftOnReader(Exception):
    """The card of an earlier session was not taken off the reader in time."""


Listener = Callable[[str, "Workflow"], None]


class Workflow:
    """Drives one kiosk through sessions. Not thread-safe: call it from one thread."""

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
        self.config = services.config
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
        self.out_of_service_reason: str = ""
        self._generation = 0                     # bumps on every session end: stale jobs are dropped
        self._job: Job | None = None
        self._retry_state: State | None = None
        self._pending_out_of_service: str | None = None
        self._last_activity = time.monotonic()
        self._entered_at = time.monotonic()
        self._listeners: list[Listener] = []
        self._camera_open = False
        self._camera_closer: threading.Thread | None = None   # the last close, still running
        self._camera_lock = threading.Lock()     # one open or close at a time, in order
        self.analyzer: Any = None                # live face analysis while the camera is in use
        # A card on the reader that no citizen is using: one lying there when a session
        # ends (read or not: a citizen who typed their number may have put a card down)
        # or when the kiosk starts must be seen leaving the reader before anything is
        # read again, so one citizen's card is never read as the next one's. See
        # `_arm_removal` and `_watch_for_card`.
        self._removal_pending = False
        self._removal_round = 0                  # bumps with every arming: older answers are stale
        self.card_left_on_reader = False         # shown as "take your card" / "card left"
        self._watching = False                   # a reader check is under way
        self._goodbye_hold_until = 0.0           # the thanks stay a moment after the card goes
        if card_may_be_on_reader:
            self._arm_removal(watch=False)

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
    def step(self) -> int | None:
        """The citizen-facing step number of this moment ("Step 3 of 7"), None for none."""
        return step_of(self.state, face_first=self.face_confirmed)

    # ------------------------------------------------------------------ transitions
    def _go(self, trigger: str) -> None:
        target = TRANSITIONS.get(self.state, {}).get(trigger)
        if target is None:
            raise InvalidTransition(f"{trigger!r} is not allowed in state {self.state}")
        self._enter(target)

    def _enter(self, target: State) -> None:
        previous = self.state
        self._cancel_job()          # first: an opener still waiting must see it cancelled
        if previous in CAMERA_STATES and target not in CAMERA_STATES | {S.DEVICE_ERROR}:
            self._close_camera()
        self.state = target
        self.progress = (0, 0, "")
        self._entered_at = time.monotonic()
        self.touch()
        log.info("state %s -> %s", previous, target)
        self._notify("state")
        entry = getattr(self, f"_enter_{target.value}", None)
        if entry is not None:
            entry()

    def _end_session(self, outcome: Outcome, target: State) -> None:
        """Every way out of a session ends here: the session is wiped before anything else."""
        self._cancel_job()
        self._close_camera()
        self._generation += 1
        self.last_outcome = outcome
        log.info("session ended: %s", outcome)
        self.session.wipe()
        self.idle_seconds_left = None
        self._arm_removal()
        if self._pending_out_of_service is not None:
            self.out_of_service_reason = self._pending_out_of_service
            self._pending_out_of_service = None
            target = S.OUT_OF_SERVICE
        self._enter(target)

    # ------------------------------------------------------------------ citizen actions
    def start(self, language: str | None = None, large_text: bool = False) -> None:
        if self.state is not S.WELCOME:
            raise InvalidTransition(f"'start' is not allowed in state {self.state}")
        self.session = Session.begin(language or self.config.kiosk.default_language, self._now())
        self.session.large_text = large_text
        self._go("start")

    def set_language(self, language: str) -> None:
        if self.session.session_id:          # a wiped session stays wiped
            self.session.language = language
        self.touch()
        self._notify("language")

    def choose_case(self, case: Case) -> None:
        self.session.case = case
        self.session.identify_mode = IdentifyMode.CHIP if case.needs_card else IdentifyMode.KEYPAD
        self._go("choose_case")

    def back(self) -> None:
        if self.state is S.CASE:             # back to the welcome screen ends the session
            self._end_session(Outcome.CANCELLED, S.WELCOME)
            return
        if self.state is S.ELIGIBILITY:
            # "This is not me": forget what was read and choose again (re-entering IDENTIFY
            # would read the same card at once).
            s = self.session
            s.identity = s.eligibility = s.validity = s.fee = None
            s.sealed_identity = s.face_decision = None   # a match was for the record refused here
            s.access_key, s.card_partial, s.chip_check, s.chip_protocol = None, None, "", ""
        self._go("back")

    def cancel(self) -> None:
        if self.state in ACTIVE_STATES and not (self.state is S.SUBMIT and self.busy):
            self._end_session(Outcome.CANCELLED, S.GOODBYE)
        else:
            raise InvalidTransition(f"'cancel' is not allowed in state {self.state}")

    def finish(self) -> None:
        outcome = {
            S.RECEIPT: Outcome.COMPLETED,
            S.HANDOVER: Outcome.HANDED_OVER,
            S.ELIGIBILITY: Outcome.NOT_ELIGIBLE,
            S.DEVICE_ERROR: Outcome.DEVICE_ERROR,
        }.get(self.state)
        if outcome is None or "finish" not in TRANSITIONS[self.state]:
            raise InvalidTransition(f"'finish' is not allowed in state {self.state}")
        self._end_session(outcome, S.GOODBYE)

    def restart(self) -> None:
        self._go("restart")

    # identify -------------------------------------------------------------------
    def use_keypad(self) -> None:
        self._require(S.IDENTIFY)
        self.session.identify_mode = IdentifyMode.KEYPAD
        self.session.problem = None
        self._cancel_job()
        self._notify("state")

    def use_chip(self) -> None:
        self._require(S.IDENTIFY)
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
            params = {"reason": exc.code}
            if getattr(exc, "expected_check", None):
                params["expected"] = str(exc.expected_check)
            self._problem(Problem("id_invalid", exc.message, params))
            return
        number = parsed.number
        self.session.problem = None
        self._run_job(
            "lookup",
            lambda ctx: self.services.registry.lookup(number),
            self._on_lookup,
            self._on_lookup_failed,
        )

    def _on_lookup(self, identity: Identity | None) -> None:
        """Found or not, the record goes sealed to the face check: anyone can type anyone's
        number, so only a face that matches the office's photo learns anything about it,
        even whether there is a record (with none, no face matches)."""
        s = self.session
        s.sealed_identity = SealedIdentity(identity)
        s.identity = s.eligibility = s.validity = s.fee = s.face_decision = None
        s.problem = None
        self._go("looked_up")

    def _on_lookup_failed(self, exc: BaseException) -> None:
        log.warning("registry lookup failed: %s", type(exc).__name__)
        self._problem(Problem("office_unreachable", "the office could not be reached"))

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
        from kiosk.documents.access import AccessAttempts
        from kiosk.documents.reader import read_document

        s = self.session
        if s.access_attempts is None:
            s.access_attempts = AccessAttempts(self.config.devices.card_reader.access_attempts)
        reader = self.services.card_reader
        wait_s = float(self.config.session.card_wait_seconds)
        key, attempts, resume = s.access_key, s.access_attempts, s.card_partial
        trust, options = self.services.trust, self.services.read_options
        must_clear = self._removal_pending
        cleared: list[bool] = []    # set by the job once the reader was seen empty

        def work(ctx: JobContext) -> Any:
            if must_clear:
                if reader.field_empty() is not True:
                    ctx.progress(0, 0, "remove_card")
                    if not reader.wait_for_removal(wait_s, ctx.cancel_event):
                        ctx.check_cancelled()
                        raise CardLeftOnReader("an earlier card is still on the reader")
                    ctx.progress(0, 0, "")
                cleared.append(True)
            conn = reader.wait_for_card(wait_s, ctx.cancel_event)
            if conn is None:
                ctx.check_cancelled()
                return None
            with conn:
                return read_document(
                    conn,
                    progress=lambda done, total: ctx.progress(done, total, "bytes"),
                    cancel=ctx.cancel_event,
                    access_key=key,
                    trust=trust,
                    attempts=attempts,
                    resume=resume,
                    options=options,
                )

        def seen_empty() -> None:
            if cleared:
                self._removal_pending = False
                self._set_card_left(False)

        def done(document: Any) -> None:
            seen_empty()
            self._on_card_read(document)

        def failed(exc: BaseException) -> None:
            seen_empty()
            self._on_card_failed(exc)

        self._run_job("read_card", work, done, failed)

    def _on_card_read(self, document: Any) -> None:
        from kiosk.documents.passive_auth import PaStatus
        from kiosk.documents.reader import identity_from_document

        if document is None:
            self._problem(Problem("card_not_presented", "no card was placed on the reader"))
            return
        self.session.card_partial = None
        pa = getattr(document, "passive_auth", None)
        self.session.chip_check = pa.status.value if pa is not None else ""
        self.session.chip_protocol = str(getattr(document, "access_protocol", "") or "")
        log.info("chip read: protocol %s, passive authentication %s, %d APDUs",
                 getattr(document, "access_protocol", "?"), self.session.chip_check or "-", document.apdu_count)
        if self.session.chip_check != PaStatus.PASSED:
            # Only data signed under a CSCA this kiosk trusts say who the citizen is. Anyone
            # can make a CSCA and a document signer of their own and sign any data with
            # them: such a chip reads as "CSCA unknown", exactly like a genuine chip on a
            # kiosk without trust anchors, so neither is ever renewed on, whatever the
            # trust configuration. A chip whose data do not match their signature is
            # "failed". Either way the counter checks the card by hand.
            unknown = self.session.chip_check == PaStatus.CSCA_UNKNOWN
            self._hand_over(HandoverReason.SIGNER_UNKNOWN if unknown else HandoverReason.NOT_AUTHENTIC)
            return
        try:
            identity = identity_from_document(document, self.config.document.country)
        except Exception as exc:  # noqa: BLE001 - any parse failure is a malformed chip
            log.warning("chip data unusable: %s", type(exc).__name__)
            self._problem(Problem("card_read_failed", "the chip data could not be used"))
            return
        self._identified(identity)

    def _on_card_failed(self, exc: BaseException) -> None:
        from kiosk.documents.errors import AccessKeyRequired, CardPulled, UnsupportedCard, WrongAccessKey

        log.warning("card read failed: %s", type(exc).__name__)
        s = self.session
        if isinstance(exc, CardLeftOnReader):
            self._set_card_left(True)
            self._problem(Problem("card_left_on_reader", "an earlier card was never taken off the reader"))
        elif isinstance(exc, AccessKeyRequired):
            s.identify_mode = IdentifyMode.ACCESS_KEY   # a prompt, not a failure
            s.problem = None
            self._notify("state")
        elif isinstance(exc, WrongAccessKey):
            if getattr(exc, "hand_over", False):
                self._hand_over(HandoverReason.ACCESS)
                return
            s.access_key = None
            s.identify_mode = IdentifyMode.ACCESS_KEY
            remaining = getattr(exc, "remaining", None)
            self._problem(Problem("access_key_wrong", "the chip refused the access data",
                                  {"remaining": "" if remaining is None else str(remaining)}))
        elif isinstance(exc, CardPulled):
            s.card_attempts += 1
            s.card_partial = getattr(exc, "partial", None)   # put it back: the read resumes
            if s.card_attempts >= self.config.session.card_attempts:
                self._hand_over(HandoverReason.CARD)
                return
            self._problem(Problem("card_pulled", "the card was moved during the read"))
            self._start_card_read()
        elif isinstance(exc, (DeviceUnavailable, CardReaderError)):
            self._device_failed(Problem("reader_missing", str(type(exc).__name__)))
        elif isinstance(exc, UnsupportedCard) and type(s.access_key).__name__ == "CanKey":
            # Some chips (BAC only) cannot be opened with the number on the front: ask for
            # the details on the back instead of repeating a key that can never work.
            s.access_key = None
            s.identify_mode = IdentifyMode.ACCESS_KEY
            self._problem(Problem("access_key_can_unsupported", "this chip only opens with the MRZ fields"))
        elif isinstance(exc, UnsupportedCard):
            self._problem(Problem("card_unsupported", "this card has no readable ID chip"))
        else:
            s.card_attempts += 1
            if s.card_attempts >= self.config.session.card_attempts:
                self._hand_over(HandoverReason.CARD)
                return
            self._problem(Problem("card_read_failed", type(exc).__name__))

    def _identified(self, identity: Identity) -> None:
        """A chip's identity: the citizen holds the card, so "Is this you?" comes first."""
        from kiosk.domain.id_numbers import InvalidIdNumber, parse_id_number

        try:  # a chip can carry a number that fails its own check digits: never proceed on it
            parse_id_number(identity.id_number, self.config.document.country)
        except InvalidIdNumber:
            self._problem(Problem("card_read_failed", "the chip's ID number fails its check"))
            return
        self.session.sealed_identity = self.session.face_decision = None   # a new identity: no face seen yet
        self._learn(identity)
        self._go("identified")

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
        another record or none, which no face matches. The failed tries still count."""
        self._require(S.FACE_CHECK)
        s = self.session
        if s.sealed_identity is None:
            raise InvalidTransition("only a typed number can be changed at the face check")
        s.sealed_identity = s.face_decision = None
        s.identify_mode = IdentifyMode.KEYPAD
        s.problem = None
        self._go("change_number")

    def _capture(self, ctx: JobContext, count: int, interval: float, offset: int = 0, total: int = 0) -> list:
        camera, frames = self.services.camera, []
        total = total or count
        for i in range(count):
            ctx.check_cancelled()
            frames.append(camera.read(timeout=2.0))
            ctx.progress(offset + i + 1, total)
            if interval:
                ctx.cancel_event.wait(interval)
        return frames

    def _start_face_check(self) -> None:
        open_camera = self._camera_opener()
        s = self.session
        sealed = s.sealed_identity
        if sealed is not None:
            reference = sealed.reference_photo()
        else:
            reference = s.identity.reference_photo if s.identity else b""
        verifier = self.services.face_verifier

        def judge(frames: list, liveness: str = "not_checked") -> FaceDecision:
            if sealed is not None and not reference:
                # The office has no record for the typed number: told exactly as a face
                # that does not match (the citizen must not learn which numbers exist).
                return FaceDecision(False, math.nan, math.nan, "no reference", liveness, "face_no_match")
            return verifier.verify(reference, frames, liveness=liveness)

        bio = self.config.biometrics
        live_required = bio.liveness.required
        analyzer = self._analyzer_for("liveness" if live_required else "guide")
        count, interval = self.face_frames, self.frame_interval_s

        if analyzer is None:
            def work(ctx: JobContext) -> Any:
                open_camera(ctx.cancel_event)
                frames = self._capture(ctx, count, interval, total=count + 1)
                decision = judge(frames)
                ctx.progress(count + 1, count + 1)
                return decision
        else:
            limit = bio.liveness.time_limit_seconds + 5.0 if live_required else 20.0
            needed = bio.match_frames

            bad_since: list[float] = []

            def ready(a: Any) -> bool:
                if not a.camera_ok:
                    # A camera may take a few seconds to deliver its first frame: only a
                    # failure that lasts is one.
                    bad_since[:1] = bad_since[:1] or [time.monotonic()]
                    return time.monotonic() - bad_since[0] > CAMERA_GRACE_S
                bad_since.clear()
                if live_required:
                    return a.liveness is not None and (a.liveness.passed or a.liveness.failed)
                return len(analyzer.recent_frames()) >= needed

            def work(ctx: JobContext) -> Any:
                open_camera(ctx.cancel_event)
                ctx.progress(0, 2, "looking")
                latest = analyzer.wait_for(ready, limit, ctx.cancel_event)
                ctx.check_cancelled()
                if latest is not None and not latest.camera_ok:
                    raise CameraUnavailable("the camera stopped delivering frames")
                ctx.progress(1, 2, "verifying")
                verdict = analyzer.liveness_verdict
                decision = judge(analyzer.recent_frames(), verdict)
                # "not checked" (challenge unfinished, analysis stopped) is not a pass. For a
                # typed number a failed challenge reads the same matched or not: else a
                # photo held up to the camera would learn whose number it is.
                live_failed = verdict == "failed" or (live_required and verdict != "passed")
                if live_failed and (decision.match or sealed is not None):
                    decision = dataclasses.replace(decision, match=False, liveness=verdict, problem="liveness_failed")
                ctx.progress(2, 2, "done")
                return decision

        self._run_job("face_check", work, self._on_face_checked, self._on_camera_job_failed)

    def _on_face_checked(self, decision: Any) -> None:
        s = self.session
        s.face_decision = decision
        log.info("face decision: %s", decision.as_record())
        if decision.match:
            sealed, s.sealed_identity = s.sealed_identity, None
            if sealed is None:
                self._go("face_matched")
            else:   # the holder of the typed number is in front of the camera: now show them
                self._learn(sealed.open(decision))
                self._go("holder_matched")
            return
        s.face_attempts += 1
        if s.face_attempts >= self.config.session.face_attempts:
            self._hand_over(HandoverReason.FACE)
            return
        code = decision.problem or "face_no_match"
        if s.sealed_identity is not None and code != "liveness_failed":
            # One answer whatever the record is like (none, or a photo with no face found):
            # a typed number may simply be mistyped.
            code = "face_no_match_typed"
        self._problem(Problem(code, "the face did not match"))

    def _on_camera_job_failed(self, exc: BaseException) -> None:
        log.warning("camera job failed: %s", type(exc).__name__)
        if isinstance(exc, (CameraUnavailable, HardwareError)):
            self._device_failed(Problem("camera_missing", type(exc).__name__))
        else:
            self._device_failed(Problem("camera_missing", f"unexpected {type(exc).__name__}"))

    # portrait -------------------------------------------------------------------
    def _enter_portrait(self) -> None:
        self.session.problem = None
        if not self.session.portrait_candidates:
            self.capture_portrait()

    def capture_portrait(self) -> None:
        """Auto-capture when every portrait rule passes (live analyzer), else count down and
        keep the best shots of a short burst."""
        self._require(S.PORTRAIT)
        open_camera = self._camera_opener()
        maker = self.services.portrait_maker
        countdown, count = self.portrait_countdown_s, self.face_frames
        analyzer = self._analyzer_for("portrait") if self.config.biometrics.portrait_maker == "rules" else None

        if analyzer is None:
            def work(ctx: JobContext) -> Any:
                open_camera(ctx.cancel_event)
                steps = max(1, int(round(countdown)))
                for i in range(steps):  # the countdown is progress too: the citizen sees it
                    ctx.progress(i, steps, "countdown")
                    if ctx.cancel_event.wait(countdown / steps):
                        ctx.check_cancelled()
                frames = self._capture(ctx, count, self.frame_interval_s / 2)
                return maker.make(frames, keep=2)
        else:
            def work(ctx: JobContext) -> Any:
                open_camera(ctx.cancel_event)
                ctx.progress(0, 1, "guiding")
                bad_since: list[float] = []

                def done(a: Any) -> bool:
                    if a.camera_ok:
                        bad_since.clear()
                        return a.captured
                    bad_since[:1] = bad_since[:1] or [time.monotonic()]
                    return time.monotonic() - bad_since[0] > CAMERA_GRACE_S

                latest = analyzer.wait_for(done, 90.0, ctx.cancel_event)
                ctx.check_cancelled()
                if latest is not None and not latest.camera_ok:
                    raise CameraUnavailable("the camera stopped delivering frames")
                ctx.progress(1, 1, "captured")
                return analyzer.candidates()

        self.session.portrait_candidates = []
        self._run_job("portrait", work, self._on_portraits, self._on_camera_job_failed)

    def _on_portraits(self, candidates: list[PortraitCandidate]) -> None:
        self.session.portrait_candidates = list(candidates)
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
        self._after_edit("portrait_chosen")

    def use_studio_code(self, code: str) -> None:
        self._require(S.PORTRAIT)
        code = code.strip()
        self._cancel_job()

        def done(jpeg: bytes | None) -> None:
            if not jpeg:
                self._problem(Problem("studio_code_invalid", "unknown photo-receipt code"))
                return
            self.session.portrait = PortraitCandidate(jpeg=jpeg, score=1.0, source="studio")
            self._after_edit("portrait_chosen")

        self._run_job("studio", lambda ctx: self.services.studio.fetch(code), done, self._on_lookup_failed)

    # contact ----------------------------------------------------------------------
    def set_contact(self, phone: str, pickup_method: str, postal_address: str = "") -> None:
        self._require(S.CONTACT)
        if not valid_mobile(phone, self.config.document.country):
            self._problem(Problem("phone_invalid", "not a mobile number"))
            return
        if pickup_method not in ("station", "post"):
            raise ValueError(f"unknown pick-up method {pickup_method!r}")
        if pickup_method == "post" and len(postal_address.strip()) < 8:
            self._problem(Problem("address_missing", "a postal address is needed"))
            return
        s = self.session
        s.phone = normalise_phone(phone)
        s.pickup_method = pickup_method
        s.postal_address = postal_address.strip() if pickup_method == "post" else ""
        s.problem = None
        self._after_edit("contact_done")

    def _after_edit(self, trigger: str) -> None:
        if self.session.editing_from_review:
            self.session.editing_from_review = False
            self._go("back_to_review")
        else:
            self._go(trigger)

    # review -----------------------------------------------------------------------
    def edit(self, section: str) -> None:
        self._require(S.REVIEW)
        self.session.editing_from_review = True
        self._go({"portrait": "edit_portrait", "contact": "edit_contact"}[section])

    def set_consent(self, agreed: bool) -> None:
        self.session.consent = agreed
        self.touch()

    def sign(self, signature_png: bytes) -> None:
        self.session.signature_png = signature_png
        self.touch()

    def submit(self) -> None:
        self._require(S.REVIEW)
        if not self.session.consent:
            self._problem(Problem("consent_missing", "consent is needed"))
            return
        if not self.session.signature_png:
            self._problem(Problem("signature_missing", "a signature is needed"))
            return
        self.session.problem = None
        if self.session.application is None:
            # Built once: a retry after a failed save submits the same application (same id,
            # same number), which the queue accepts idempotently instead of a second one.
            self.session.application = self._build_application()
        self._go("submit")

    def _enter_submit(self) -> None:
        from kiosk.receipts.issue import issue_receipt

        application = self.session.application
        store, printer, signer = self.services.store, self.services.printer, self.services.receipt_signer

        def work(ctx: JobContext) -> Any:
            ctx.progress(0, 3, "saving")
            if not application.application_number:
                # The number carries the kiosk's local day (the citizen's day), not UTC's.
                application.application_number = store.next_application_number(
                    application.kiosk_id, application.created_at.astimezone().date()
                )
            store.enqueue(application)      # committed: only now may we say "saved"
            ctx.progress(1, 3, "saved")
            ctx.progress(2, 3, "printing")
            try:
                issued = issue_receipt(application, printer, signer)
            except Exception as exc:  # noqa: BLE001 - saved is saved: never report it as unsaved
                log.error("receipt for a saved application failed: %s", type(exc).__name__)
                issued = None
            ctx.progress(3, 3, "done")
            return application, issued

        self._run_job("submit", work, self._on_submitted, self._on_submit_failed)

    def _on_submitted(self, value: Any) -> None:
        from hardware.printer import PrinterStatus, PrintResult

        application, issued = value
        s = self.session
        s.application_id = application.application_id
        s.application_number = application.application_number
        if issued is None:
            status = PrinterStatus.READY
            result = PrintResult(False, status, status, "the receipt could not be made")
            s.receipt, s.print_result, s.receipt_pdf = None, result, b""
        else:
            result = issued.result
            s.receipt, s.print_result = issued.receipt, result
            s.receipt_pdf = issued.job.pdf if issued.job is not None and issued.job.pdf else b""
        if not result.ok:
            log.warning("receipt not printed: %s", result.detail)
            s.problem = Problem("print_failed", result.detail)
        log.info("application saved: %s", application.application_id)
        self._go("saved")

    def _on_submit_failed(self, exc: BaseException) -> None:
        log.error("saving the application failed: %s", type(exc).__name__)
        self._retry_state = S.REVIEW
        self.session.problem = Problem("save_failed", type(exc).__name__)
        self._go("save_failed")

    def _build_application(self) -> Any:
        from kiosk.card_application import Application, identity_check_record
        from kiosk.identity import IdentitySource

        s, cfg = self.session, self.config
        ident = s.identity
        assert ident is not None and s.case is not None and s.portrait is not None
        return Application(
            application_id=uuid.uuid4().hex,
            application_number="",
            created_at=self._now(),
            kiosk_id=cfg.kiosk.id,
            station=cfg.kiosk.station,
            case=s.case,
            language=s.language,
            id_number=ident.id_number,
            surname=ident.surname,
            given_names=ident.given_names,
            name_local=ident.name_local,
            birth_date=ident.birth_date,
            sex=ident.sex,
            nationality=ident.nationality,
            document_number=ident.document_number,
            card_expiry=ident.card_expiry,
            phone=s.phone,
            pickup_method=s.pickup_method,
            postal_address=s.postal_address,
            portrait_jpeg=s.portrait.jpeg,
            signature_png=s.signature_png,
            face_check=s.face_decision.as_record() if s.face_decision else {},
            identity_check=identity_check_record(ident.source.value, s.chip_check, s.chip_protocol)
            if ident.source is IdentitySource.CHIP else identity_check_record(ident.source.value),
            fee_amount=s.fee.amount,
            fee_currency=s.fee.currency,
        )

    # hand-over and device errors --------------------------------------------------
    def _hand_over(self, reason: HandoverReason) -> None:
        """To the counter, naming why: the screen words it, the operators' log counts it."""
        self.session.handover_reason = reason
        self.session.sealed_identity = None   # a typed number's record is never opened now
        log.info("handed over to the counter: %s", reason)
        self._go("handover")

    def _device_failed(self, problem: Problem) -> None:
        self._retry_state = self.state
        self.session.problem = problem
        self._close_camera()
        self._enter(S.DEVICE_ERROR)

    def retry(self) -> None:
        self._require(S.DEVICE_ERROR)
        target = self._retry_state or S.CASE
        self._retry_state = None
        self.session.problem = None
        self._enter(target)

    def shutdown(self) -> None:
        """The kiosk is quitting: stop work, release the camera, forget the citizen."""
        self._cancel_job()
        self._close_camera()
        self.wait_camera_closed(5.0)   # quitting: release the device before the process ends
        self._generation += 1
        self.session.wipe()

    # maintenance ------------------------------------------------------------------
    def set_out_of_service(self, reason: str) -> None:
        if self.state in (S.WELCOME, S.GOODBYE, S.OUT_OF_SERVICE):
            self.out_of_service_reason = reason
            self._enter(S.OUT_OF_SERVICE)
        else:
            self._pending_out_of_service = reason   # the citizen in front finishes first

    def back_in_service(self) -> None:
        self.out_of_service_reason = ""
        self._go("back_in_service")

    # time -------------------------------------------------------------------------
    def touch(self) -> None:
        """Any tap: the citizen is still there."""
        self._last_activity = time.monotonic()
        if self.idle_seconds_left is not None:
            self.idle_seconds_left = None
            self._notify("idle")

    def stay(self) -> None:
        self.touch()

    def tick(self, now: float | None = None) -> None:
        """Called about once a second. Runs the idle countdown and the goodbye screen."""
        now = time.monotonic() if now is None else now
        if self.state in (S.GOODBYE, S.WELCOME, S.OUT_OF_SERVICE) or (self.state is S.IDENTIFY and not self.busy):
            self._watch_for_card()   # in IDENTIFY: the old card taken off after the prompt
        if self.state is S.GOODBYE:
            shown = now - self._entered_at
            # Hold the goodbye while the citizen's card is still on the reader, for a while.
            if shown >= self.goodbye_seconds and (
                (not self.card_left_on_reader and now >= self._goodbye_hold_until)
                or shown >= self.config.session.card_removal_seconds
            ):
                if self.card_left_on_reader:
                    log.warning("card left on the reader after the session")
                self._go("restart")
            return
        if self.state not in ACTIVE_STATES or self.busy:
            return
        idle = now - self._last_activity
        warn = self.config.session.idle_warning_seconds
        left = int(round(warn + self.config.session.idle_countdown_seconds - idle))
        if idle < warn:
            return
        if left <= 0:
            self._end_session(Outcome.TIMED_OUT, S.WELCOME)
            return
        if left != self.idle_seconds_left:
            self.idle_seconds_left = left
            self._notify("idle")

    def advance_clock_for_tests(self, seconds: float) -> None:
        """Pretend the citizen has been idle this long (tests drive time; no sleeping)."""
        self._last_activity -= seconds
        self._entered_at -= seconds

    # the card left behind ----------------------------------------------------------
    def _arm_removal(self, watch: bool = True) -> None:
        """Whatever card lies on the reader now is left behind until it is seen leaving:
        armed when any session ends (and at start-up), whether or not the session read a
        card, because a citizen who typed their number may still have put one down.
        The reader is told, so a card swapped for another between two looks counts as
        taken (the new one is the next citizen's); "take your card" is shown only once
        a look finds a card there."""
        self._removal_pending = True
        self._removal_round += 1
        self.services.card_reader.expect_removal()
        if watch:
            self._watch_for_card()

    def _watch_for_card(self) -> None:
        """Between sessions, ask the reader whether the last card is still there. The
        question runs as a job of its own (an NFC radio check can take seconds) that
        no state change cancels; only a reader that reports the card gone (an empty
        field, or a swap it counted) clears it, never an error or a reader that cannot
        tell. An answer to a question asked before the last arming is dropped: it may
        describe the field before the card now expected was put there."""
        if not self._removal_pending or self._watching:
            return
        reader, asked_in = self.services.card_reader, self._removal_round

        def work(ctx: JobContext) -> bool | None:
            try:
                return reader.field_empty()
            except Exception:  # noqa: BLE001 - unplugged or failing: unknown, never "taken"
                return None

        def seen(empty: bool | None) -> None:
            self._watching = False
            if empty is None or not self._removal_pending or asked_in != self._removal_round:
                return
            if empty:
                self._removal_pending = False
                if self.card_left_on_reader:
                    log.info("card taken off the reader")
                    self._goodbye_hold_until = time.monotonic() + THANKS_AFTER_CARD_S
            self._set_card_left(not empty)

        def failed(exc: BaseException) -> None:
            self._watching = False

        self._watching = True
        self.runner.start(Job("watch_reader", work, seen, failed))

    def _set_card_left(self, left: bool) -> None:
        if left != self.card_left_on_reader:
            self.card_left_on_reader = left
            self._notify("card")

    # helpers ----------------------------------------------------------------------
    def _now(self) -> dt.datetime:
        return self.services.clock()

    def _require(self, state: State) -> None:
        if self.state is not state:
            raise InvalidTransition(f"only possible in state {state}, not {self.state}")

    def _problem(self, problem: Problem) -> None:
        self.session.problem = problem
        log.info("problem: %s", problem.code)
        self._notify("problem")

    def _run_job(self, name: str, work: Callable[[JobContext], Any], done: Callable[[Any], None],
                 failed: Callable[[BaseException], None]) -> None:
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

        def on_progress(d: int, t: int, note: str) -> None:
            if current():
                self.progress = (d, t, note)
                self._notify("progress")

        job = Job(name, work, on_done, on_failed, on_progress)
        self._job, self.busy = job, name
        self.progress = (0, 0, "")
        self._notify("busy")
        self.runner.start(job)

    def _cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job, self.busy = None, ""

    def _camera_opener(self) -> Callable[[], None]:
        """What the job calls first to open the camera: a V4L2 open with its settings can
        take a while, and it must not freeze the screen, so it runs off the UI thread.
        A failure there is a job failure, which becomes the camera device error."""
        if self._camera_open:
            return lambda cancel=None: None
        self._camera_open = True   # leaving the step closes it, whatever happened
        camera, closer, lock = self.services.camera, self._camera_closer, self._camera_lock

        def open_camera(cancel: threading.Event | None = None) -> None:
            if closer is not None:
                closer.join()      # the last citizen's camera is closed before it reopens
            with lock:
                if cancel is not None and cancel.is_set():
                    return         # the step was left meanwhile: its close comes next
                camera.open()

        return open_camera

    def _analyzer_for(self, mode: str) -> Any:
        """The live analyzer in `mode`, started on first use; None when not configured."""
        factory = self.services.analyzer_factory
        if factory is None:
            return None
        if self.analyzer is not None and not self.analyzer.running:
            self.analyzer.stop()              # it died (logged): start a fresh one
            self.analyzer = None
        if self.analyzer is None:
            self.analyzer = factory(self.services.camera, mode)
            self.analyzer.start()
        else:
            self.analyzer.set_mode(mode)
            self.analyzer.reset()
        return self.analyzer

    def _close_camera(self) -> None:
        """Stop the analyzer and close the camera on a thread of their own: both join
        threads, and a driver stuck in a read can hold a close for seconds, which must
        not freeze the screen as the citizen moves on. The next open waits for this
        close (see `_camera_opener`), so it can never close the next citizen's camera."""
        analyzer, self.analyzer = self.analyzer, None
        was_open, self._camera_open = self._camera_open, False
        if analyzer is None and not was_open:
            return
        camera, previous, lock = self.services.camera, self._camera_closer, self._camera_lock

        def close() -> None:
            if previous is not None:
                previous.join()
            try:
                if analyzer is not None:
                    analyzer.stop()
                if was_open:
                    with lock:
                        camera.close()
            except Exception:  # noqa: BLE001 - a camera that fails to close must not block a wipe
                log.warning("camera did not close cleanly")

        self._camera_closer = threading.Thread(target=close, name="camera-close", daemon=True)
        self._camera_closer.start()

    def wait_camera_closed(self, timeout: float | None = None) -> bool:
        """Block until the last camera close has finished (quitting, tests, the tour)."""
        closer = self._camera_closer
        if closer is None:
            return True
        closer.join(timeout)
        return not closer.is_alive()


__all__ = ["Workflow", "TRANSITIONS", "InvalidTransition"]
