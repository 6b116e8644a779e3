"""The two camera steps: "is this you?" (the face check) and the new portrait.

Both run as jobs on the camera the workflow lends them (`camera_lease`), and both work
one of two ways. With a live analyzer (face guidance, liveness, portrait rules) the job
waits until the analyzer has seen enough: a decided liveness challenge or enough frames
to match, a portrait that passes every rule. Without one (no analyzer configured) it
takes a short burst of frames, after a countdown the citizen sees for the portrait.

The reference the face is matched against is the chip's photo, or for a typed number the
office's photo of a record still sealed: then a missing record must look exactly like a
face that does not match, and a failed liveness challenge must read the same whether
the face matched or not, or a photo held up to the camera would learn whose number it is.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from typing import Any, Callable

from hardware.errors import CameraUnavailable, HardwareError
from kiosk.biometrics.interfaces import FaceDecision, PortraitCandidate
from kiosk.workflow.camera_lease import Opener
from kiosk.workflow.jobs import JobContext
from kiosk.workflow.problems import Problem
from kiosk.workflow.session import Session
from kiosk.workflow.states import HandoverReason, IdentifyMode
from kiosk.workflow.verdicts import DeviceFailed, HandOver, ShowProblem, Verdict

log = logging.getLogger("kiosk.workflow")

# How long the camera may deliver nothing before it counts as failed. Real time: the
# job waits on the analyzer's thread, which a test clock could not move.
CAMERA_GRACE_S = 5.0
# How often the face check hands new live frames to the verifier (its templates are made
# on the verifier's worker meanwhile).
OBSERVE_EVERY_S = 0.1


def capture_burst(camera: Any, ctx: JobContext, count: int, interval: float, offset: int = 0,
                  total: int = 0) -> list:
    """`count` frames, `interval` seconds apart, counted as progress out of `total`."""
    frames = []
    total = total or count
    for i in range(count):
        ctx.check_cancelled()
        frames.append(camera.read(timeout=2.0))
        ctx.progress(offset + i + 1, total)
        if interval:
            ctx.cancel_event.wait(interval)
    return frames


def _lasting_failure(bad_since: list[float]) -> bool:
    """For each analysis of a camera that delivered nothing: a camera may take a few
    seconds to deliver its first frame, so only a failure that lasts `CAMERA_GRACE_S` is
    one. `bad_since` keeps when it began (the caller clears it when a frame comes)."""
    bad_since[:1] = bad_since[:1] or [time.monotonic()]
    return time.monotonic() - bad_since[0] > CAMERA_GRACE_S


def face_check(session: Session, *, camera: Any, open_camera: Opener, analyzer: Any, verifier: Any,
               biometrics: Any, count: int, interval: float) -> Callable[[JobContext], FaceDecision]:
    """The work of the "face_check" job: the live face against the session's reference."""
    sealed = session.sealed_identity
    if sealed is not None:
        reference = sealed.reference_photo()
    else:
        reference = session.identity.reference_photo if session.identity else b""
    typed = sealed is not None
    live_required = biometrics.liveness.required

    def judge(frames: list, liveness: str = "not_checked") -> FaceDecision:
        if typed and not reference:
            # The office has no record for the typed number: told exactly as a face
            # that does not match (the citizen must not learn which numbers exist).
            return FaceDecision(False, math.nan, math.nan, "no reference", liveness, "face_no_match")
        return verifier.verify(reference, frames, liveness=liveness)

    def release(decision: FaceDecision) -> FaceDecision:
        # The holder of the typed number is in front of the camera: the office that
        # releases its record only for a match is asked now, still on the job's thread.
        if typed and decision.match:
            sealed.fetch(decision)
        return decision

    if analyzer is None:
        def burst(ctx: JobContext) -> FaceDecision:
            open_camera(ctx.cancel_event)
            frames = capture_burst(camera, ctx, count, interval, total=count + 1)
            decision = release(judge(frames))
            ctx.progress(count + 1, count + 1)
            return decision

        return burst

    limit = biometrics.liveness.time_limit_seconds + 5.0 if live_required else 20.0
    needed = biometrics.match_frames
    bad_since: list[float] = []

    def ready(a: Any) -> bool:
        if not a.camera_ok:
            return _lasting_failure(bad_since)
        bad_since.clear()
        if live_required:
            return a.liveness is not None and (a.liveness.passed or a.liveness.failed)
        return len(analyzer.recent_frames()) >= needed

    observe = getattr(verifier, "observe", None)

    def watch(ctx: JobContext) -> Any:
        """Wait for `ready`, handing the live frames to the verifier as they come, so their
        templates are made during the challenge and the decision only waits for the last."""
        if observe is None or (typed and not reference):
            return analyzer.wait_for(ready, limit, ctx.cancel_event)
        deadline = time.monotonic() + limit
        while True:
            left = deadline - time.monotonic()
            latest = analyzer.wait_for(ready, min(OBSERVE_EVERY_S, max(left, 0.0)), ctx.cancel_event)
            observe(analyzer.recent_frames())
            if (latest is not None or left <= OBSERVE_EVERY_S or ctx.cancel_event.is_set()
                    or not getattr(analyzer, "running", True)):
                return latest

    def live(ctx: JobContext) -> FaceDecision:
        open_camera(ctx.cancel_event)
        ctx.progress(0, 2, "looking")
        latest = watch(ctx)
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
        if live_failed and (decision.match or typed):
            decision = dataclasses.replace(decision, match=False, liveness=verdict, problem="liveness_failed")
        decision = release(decision)
        ctx.progress(2, 2, "done")
        return decision

    return live


def tries_left(session: Session, face_attempts: int) -> int:
    """Face checks the citizen may still fail before the counter takes over."""
    return max(0, face_attempts - session.face_attempts)


def judge_mismatch(decision: FaceDecision, session: Session, face_attempts: int) -> Verdict:
    """A face that did not match (or did not prove it is live): try again, or the counter."""
    session.face_attempts += 1
    if tries_left(session, face_attempts) == 0:
        return HandOver(HandoverReason.FACE)
    code = decision.problem or "face_no_match"
    if session.sealed_identity is not None and code != "liveness_failed":
        # One answer whatever the record is like (none, or a photo with no face found):
        # a typed number may simply be mistyped; an e-ID code may be someone else's phone.
        code = "face_no_match_eid" if session.identify_mode is IdentifyMode.EID else "face_no_match_typed"
    return ShowProblem(Problem(code, "the face did not match"))


def judge_camera_failure(exc: BaseException) -> Verdict:
    log.warning("camera job failed: %s", type(exc).__name__)
    if isinstance(exc, (CameraUnavailable, HardwareError)):
        return DeviceFailed(Problem("camera_missing", type(exc).__name__))
    return DeviceFailed(Problem("camera_missing", f"unexpected {type(exc).__name__}"))


def portrait(*, camera: Any, open_camera: Opener, analyzer: Any, maker: Any, countdown: float, count: int,
             interval: float) -> Callable[[JobContext], list[PortraitCandidate]]:
    """The work of the "portrait" job: auto-capture when every portrait rule passes
    (live analyzer), else count down and keep the best shots of a short burst."""
    if analyzer is None:
        def burst(ctx: JobContext) -> list[PortraitCandidate]:
            open_camera(ctx.cancel_event)
            steps = max(1, int(round(countdown)))
            for i in range(steps):  # the countdown is progress too: the citizen sees it
                ctx.progress(i, steps, "countdown")
                if ctx.cancel_event.wait(countdown / steps):
                    ctx.check_cancelled()
            frames = capture_burst(camera, ctx, count, interval / 2)   # a quicker burst than the check's
            return maker.make(frames, keep=2)

        return burst

    def guided(ctx: JobContext) -> list[PortraitCandidate]:
        open_camera(ctx.cancel_event)
        ctx.progress(0, 1, "guiding")
        bad_since: list[float] = []

        def done(a: Any) -> bool:
            if not a.camera_ok:
                return _lasting_failure(bad_since)
            bad_since.clear()
            return a.captured

        latest = analyzer.wait_for(done, 90.0, ctx.cancel_event)
        ctx.check_cancelled()
        if latest is not None and not latest.camera_ok:
            raise CameraUnavailable("the camera stopped delivering frames")
        ctx.progress(1, 1, "captured")
        return analyzer.candidates()

    return guided
