"""Drive a planned day through the real workflow, headless, on simulated devices.

The kiosk is the demo kiosk of `--data-dir` (kiosk id SIM-0001, so its applications
never pass for a real kiosk's), assembled by `launcher.services` like a running kiosk:
the queue, the receipt key, the journal subscribed to the workflow. Its devices are the
simulated drivers with the citizen's hands on them, and its face check and portrait
are the simulated citizen's (`devices`): no picture is searched for a face, so 200
visits take seconds. Jobs run inline (`SyncJobRunner`) and time is moved by hand
(`SimClock`): each visit starts at its arrival (or when the kiosk is free), and every
pause is the plan's. Receipts are rendered and filed in `printed/` as the demo printer
does, and applications saved in the queue, encrypted; nothing is delivered.

What the kiosk logs goes to `logs/simulate.log` in the data folder, everything from
INFO up, as a running kiosk's log would hold it: the test that no fictitious identity
leaks reads it with the rest of the folder. The terminal keeps the report (errors only).

Each visit is played by looking at the state the workflow is in and doing what the
plan's citizen does there, so the workflow alone decides where they go: a visit that
does not end as planned (a portrait not found) is reported as it ended.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import logging
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.domain.cases import Case
from kiosk.workflow.states import State
from launcher.simulation.plan import GOODBYE_SECONDS, Visit, plan_day

MARKER = ".kiosk-simulate"     # a data folder made by `kiosk simulate`, and by nothing else
KIOSK_ID = "SIM-0001"
SIGNATURE_PNG = b"\x89PNG\r\n\x1a\n simulated signature"
LOG_FILE = "logs/simulate.log"
TELEMETRY_DIR = "telemetry"    # D/telemetry/idkiosk.prom: the kiosk's metrics at the end of the day
MAX_ACTIONS = 60               # per visit: a workflow that never lets a visit end is a bug
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


class SimulationRefused(Exception):
    """The data folder or date cannot be used; the message says why, in one line."""


def simulation_config(data_dir: Path, country: str = "CHN"):  # type: ignore[no-untyped-def]
    from kiosk.config import with_overrides
    from kiosk.demo.config import demo_config

    fees = {"fees.currency": "VND", "fees.expiring": 50000, "fees.damaged": 70000, "fees.lost": 70000} \
        if country == "VNM" else {}
    return with_overrides(demo_config(data_dir), {
        **fees,
        "kiosk.id": KIOSK_ID,
        "document.country": country,
        "biometrics.face_verifier": "demo-standin",
        "biometrics.portrait_maker": "demo-standin",
        "devices.camera.width": 160,         # nothing looks at the picture: a small one opens fast
        "devices.camera.height": 120,
        "ui.fullscreen": False,
        # The metrics file a fleet's node exporter would read, in the day's folder; the
        # systemd journal of the machine it runs on gets no fictitious day.
        "telemetry.textfile_dir": TELEMETRY_DIR,
        "telemetry.systemd_journal": False,
    })


def check_data_dir(data_dir: Path, day: dt.date) -> None:
    """A simulated day goes into a fresh folder, or one an earlier simulation made, and
    never before a day its journal already has: fictitious applications must never
    land in a real kiosk's queue."""
    from kiosk.operations.journal_lines import day_files, day_of, journal_folder

    if not FIRST_DAY <= day <= LAST_DAY:
        # Application numbers carry the day as YYMMDD, read back as 20YY.
        raise SimulationRefused(f"the day must be from {FIRST_DAY} to {LAST_DAY}")
    try:
        if data_dir.exists() and not data_dir.is_dir():
            raise SimulationRefused(f"{data_dir} is not a folder")
        if data_dir.is_dir() and any(data_dir.iterdir()) and not (data_dir / MARKER).exists():
            raise SimulationRefused(f"{data_dir} is not empty and was not made by kiosk simulate: give a new folder")
        days = day_files(journal_folder(data_dir))
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:   # a parent that is a file, a name too long, no permission
        raise SimulationRefused(f"cannot use {data_dir} as the data folder: {exc.strerror or exc}") from None
    if days and day_of(days[-1]) > day:   # type: ignore[operator]
        raise SimulationRefused(f"the journal in {data_dir} already has {days[-1].stem}: simulate {day} in a new folder")


@dataclass
class _Kit:
    """What the driver puts its hands on."""

    workflow: Any
    clock: Any
    pace: Any
    reader: Any
    camera: Any
    printer: Any
    journal: Any
    idle_warning: int
    idle_countdown: int


@dataclass
class _Tally:
    outcomes: collections.Counter = field(default_factory=collections.Counter)
    cases: collections.Counter = field(default_factory=collections.Counter)
    languages: collections.Counter = field(default_factory=collections.Counter)
    handovers: collections.Counter = field(default_factory=collections.Counter)
    left_at: collections.Counter = field(default_factory=collections.Counter)
    faults: collections.Counter = field(default_factory=collections.Counter)
    sessions: list[dict[str, Any]] = field(default_factory=list)


def simulate(data_dir: Path, day: dt.date, sessions: int, seed: int, country: str = "CHN") -> dict[str, Any]:
    """Run `sessions` visits on `day` into the demo kiosk of `data_dir`; what happened, as JSON."""
    data_dir = Path(data_dir).resolve()
    check_data_dir(data_dir, day)
    started = time.perf_counter()
    cfg = simulation_config(data_dir, country)
    (data_dir / MARKER).touch()
    with day_log(data_dir / LOG_FILE):
        return _simulate(data_dir, cfg, day, sessions, seed, country, started)


@contextlib.contextmanager
def day_log(path: Path):  # type: ignore[no-untyped-def]
    """Everything logged from INFO up goes to `path` while the day runs; the handlers
    already installed (the terminal) show only errors, and all is as before after."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise SimulationRefused(f"cannot write the log {path}: {exc.strerror or exc}") from None
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    reset = [logging.getLogger(name) for name in ("kiosk", "alembic")]   # as a kiosk starts
    before = (root.level, {h: h.level for h in root.handlers}, [(q, q.level) for q in reset])
    for h in root.handlers:
        h.setLevel(max(h.level, logging.ERROR))
    for q in reset:
        q.setLevel(logging.NOTSET)
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(before[0])
        for h, level in before[1].items():
            h.setLevel(level)
        for q, level in before[2]:
            q.setLevel(level)


def _simulate(data_dir: Path, cfg: Any, day: dt.date, sessions: int, seed: int, country: str,
              started: float) -> dict[str, Any]:
    from hardware.camera.simulated import SimulatedCamera
    from kiosk.workflow.jobs import SyncJobRunner
    from kiosk.workflow.machine import Workflow
    from launcher.services import attach_journal, build_services, build_telemetry
    from launcher.simulation.devices import (
        CitizenFace, CitizenPortrait, CitizenReader, PacedPrinter, Pace, SimClock,
    )

    rng = random.Random(seed)
    visits, scale = plan_day(
        rng, day, sessions, country, window_days=cfg.rules.renewal_window_days,
        min_age=cfg.rules.min_age_self_service, face_attempts=cfg.session.face_attempts,
        card_attempts=cfg.session.card_attempts,
    )
    clock = SimClock(dt.datetime.combine(day, dt.time(8, 0)).astimezone())
    pace = Pace(clock)
    services = build_services(cfg, today=day)
    for device in (services.card_reader, services.camera, services.printer):
        device.close()
    services.clock, services.monotonic = clock.wall, clock.monotonic
    services.card_reader = reader = CitizenReader(pace)
    services.camera = camera = SimulatedCamera(size=(cfg.devices.camera.width, cfg.devices.camera.height),
                                               fps=15, seed=seed)
    services.printer = printer = PacedPrinter(cfg.printer_output_dir, pace)
    if services.fingerprint is not None:     # the citizen's finger is on the glass at once
        from hardware.fingerprint.simulated import SimulatedFingerprintScanner

        services.fingerprint = SimulatedFingerprintScanner(reach_seconds=0.0)
    services.face_verifier = CitizenFace(pace)
    services.portrait_maker = CitizenPortrait(pace, (cfg.biometrics.portrait.width_px, cfg.biometrics.portrait.height_px))
    for visit in visits:
        if visit.case is Case.LOST:
            services.registry.inner.enrol(visit.citizen.office_record())
    workflow = Workflow(services, SyncJobRunner(), frame_interval_s=0.0, portrait_countdown_s=0.0,
                        face_frames=2, goodbye_seconds=GOODBYE_SECONDS)
    # The entries are the kiosk's, byte for byte; only their one-by-one fdatasync is left
    # out (a simulated day need not survive a power cut entry by entry): it is synced once
    # at the end, and 200 visits take seconds instead of half a minute more.
    services.journal.sync = False
    attach_journal(workflow, simulated=True)
    (data_dir / TELEMETRY_DIR).mkdir(exist_ok=True)
    telemetry = build_telemetry(cfg, workflow)
    kit = _Kit(workflow, clock, pace, reader, camera, printer, services.journal,
               cfg.session.idle_warning_seconds, cfg.session.idle_countdown_seconds)
    tally = _Tally()
    try:
        due = clock.wall()
        for visit in visits:
            _play(kit, visit, tally)
            if telemetry is not None and clock.wall() >= due:   # as often as a kiosk would, in its time
                telemetry.write()
                due = clock.wall() + dt.timedelta(seconds=telemetry.interval)
    finally:
        workflow.shutdown()
        if telemetry is not None:
            telemetry.write()        # the day's last figures, while the queue is open
        services.close()
    journal = services.journal
    return {
        "date": f"{day:%Y-%m-%d}",
        "data_dir": str(data_dir),
        "seed": seed,
        "country": country,
        "kiosk_id": cfg.kiosk.id,
        "sessions": len(visits),
        "time_scale": round(scale, 3),
        "first_start": tally.sessions[0]["start"] if tally.sessions else None,
        "last_end": tally.sessions[-1]["end"] if tally.sessions else None,
        "outcomes": dict(sorted(tally.outcomes.items())),
        "cases": dict(sorted(tally.cases.items())),
        "languages": dict(sorted(tally.languages.items())),
        "handover_reasons": dict(sorted(tally.handovers.items())),
        "left_at": dict(sorted(tally.left_at.items())),
        "faults": dict(sorted(tally.faults.items())),
        "applications": sum(1 for s in tally.sessions if s["application_number"]),
        "receipts_printed": sum(1 for s in tally.sessions if s["printed"]),
        "log": str(data_dir / LOG_FILE),
        "metrics": str(telemetry.path) if telemetry is not None else None,
        "journal": {"folder": str(journal.folder), "entries_written": journal.written,
                    "last_seq": journal.head[0], "last_hash": journal.head[1]},
        "visits": tally.sessions,
        "identities": [v.citizen.identity_strings() for v in visits],
        "elapsed_seconds": round(time.perf_counter() - started, 3),
    }


def _play(kit: _Kit, visit: Visit, tally: _Tally) -> None:
    """One visit, from the tap on the welcome screen back to the welcome screen."""
    from kiosk.workflow.states import Outcome

    wf, clock, pace = kit.workflow, kit.clock, kit.pace
    assert visit.arrival is not None
    pace.begin(visit.pauses, visit.face_mismatches)
    step_up = clock.wall() + dt.timedelta(seconds=visit.pauses.get("step_up", 0.0))
    clock.until(max(visit.arrival.astimezone(), step_up))
    if visit.case is not Case.LOST:
        from launcher.simulation.devices import CitizenCard

        kit.reader.hand(CitizenCard(visit.citizen.card_files(), pulls=visit.card_pulls))
    if "reader_unplugged" in visit.faults:
        kit.reader.unplug()
    start = clock.wall()
    application, printed, left_at, handover = "", False, None, None
    if "paper_out" in visit.faults:
        from hardware.printer import PrinterStatus

        kit.printer.set_status(PrinterStatus.PAPER_OUT)
    wf.start(visit.language, large_text=visit.large_text)
    camera_fault = next((f for f in visit.faults if f in ("camera_gone", "camera_blip")), None)
    for _ in range(MAX_ACTIONS):
        state = wf.state
        if state is State.RECEIPT and not application:
            application = wf.session.application_number
            printed = bool(wf.session.print_result and wf.session.print_result.ok)
        if state is State.HANDOVER and wf.session.handover_reason is not None:
            handover = wf.session.handover_reason.value
        if state in (State.WELCOME, State.GOODBYE, State.OUT_OF_SERVICE):
            break
        if visit.leave_at is state and left_at is None:
            left_at = state
            if visit.ending == "timed_out":
                _walk_away(kit)
            else:
                pace.take("give_up")
                wf.back() if state is State.CASE else wf.cancel()
            continue
        _act(kit, visit, state, camera_fault)
        if camera_fault and state in (State.ELIGIBILITY, State.IDENTIFY) and wf.state is not state:
            camera_fault = None
    else:
        raise RuntimeError(f"visit {visit.number} did not end after {MAX_ACTIONS} actions (in {wf.state})")
    kit.reader.remove()                       # the citizen takes their card
    kit.reader.plug()
    kit.camera.restore()
    wf.tick()                                 # the card is seen gone
    if wf.state is State.GOODBYE:
        clock.advance(GOODBYE_SECONDS + 1e-6)   # a hair over: sums of float seconds round down
        wf.tick()
    if wf.state is not State.WELCOME:
        raise RuntimeError(f"visit {visit.number} left the kiosk in {wf.state}")
    end = clock.wall()
    if visit.change_paper_after:
        _change_paper(kit)
    outcome = wf.last_outcome or Outcome.CANCELLED
    tally.outcomes[outcome.value] += 1
    tally.cases[visit.case.value] += 1
    tally.languages[visit.language] += 1
    for fault in visit.faults:
        tally.faults[fault] += 1
    if application and not printed:
        tally.faults["receipt_not_printed"] += 1
    if handover:
        tally.handovers[handover] += 1
    if left_at is not None:
        tally.left_at[f"{visit.ending}:{left_at.value}"] += 1
    tally.sessions.append({
        "visit": visit.number,
        "start": start.isoformat(timespec="seconds"),
        "end": end.isoformat(timespec="seconds"),
        "language": visit.language,
        "case": visit.case.value,
        "planned": visit.ending,
        "outcome": outcome.value,
        "left_at": left_at.value if left_at else None,
        "handover_reason": handover,
        "faults": list(visit.faults),
        "application_number": application,
        "printed": printed,
    })


def _act(kit: _Kit, visit: Visit, state: State, camera_fault: str | None) -> None:
    """What the citizen does on this screen."""
    wf, pace, citizen = kit.workflow, kit.pace, visit.citizen
    if state is State.CASE:
        pace.take("case")
        wf.choose_case(visit.case)
        wf.agree()
    elif state is State.IDENTIFY:
        if visit.case is not Case.LOST or wf.session.problem is not None:
            # A chip case lands here only when a read could not go on: a citizen would
            # call staff; the simulated one gives up.
            pace.take("give_up")
            wf.cancel()
            return
        pace.take("typing")
        if camera_fault:
            kit.camera.vanish()               # the face check comes next
        wf.submit_id_number(citizen.id_number)
    elif state is State.ELIGIBILITY:
        if not wf.session.eligibility.eligible:
            pace.take("not_eligible")
            wf.finish()
            return
        pace.take("eligibility")
        if camera_fault and not wf.face_confirmed:
            kit.camera.vanish()
        wf.proceed()
    elif state is State.FACE_CHECK:
        wf.retry_face()                       # the verifier takes the retry pause
    elif state is State.PORTRAIT:
        if not wf.session.portrait_candidates:
            wf.retake_portrait()
            return
        pace.take("choose")
        wf.choose_portrait(0)
    elif state is State.FINGERPRINTS:
        # The presses run at once on the simulated scanner; a step still open waits for a
        # tap the simulated citizen does not know: they say they cannot give prints.
        wf.cannot_give_fingerprints()
    elif state is State.CONTACT:
        pace.take("contact")
        if visit.pickup == "post":
            pace.take("address")
        wf.set_contact(citizen.phone, visit.pickup, citizen.postal_address if visit.pickup == "post" else "")
    elif state is State.PHONE_CHECK:
        # The demo office's code, read off the text message (issue 16).
        from kiosk.demo.phone import DEMO_PHONE_CODE

        pace.take("phone_code")
        wf.answer_phone_code(DEMO_PHONE_CODE)
    elif state is State.REVIEW:
        pace.take("review")
        wf.sign(SIGNATURE_PNG)
        wf.submit()
    elif state is State.RECEIPT:
        pace.take("receipt")
        wf.finish()
    elif state is State.HANDOVER:
        pace.take("handover")
        wf.finish()
    elif state is State.DEVICE_ERROR:
        pace.take("device_error")
        if visit.ending == "device_error":
            wf.finish()
        else:                                 # the camera is back: "try again"
            kit.camera.restore()
            wf.retry()
    else:
        raise RuntimeError(f"visit {visit.number}: nothing to do in {state}")


def _walk_away(kit: _Kit) -> None:
    """The citizen leaves, taking their card: the countdown shows, then the session is wiped."""
    kit.pace.take("give_up")
    kit.reader.remove()
    kit.clock.advance(kit.workflow.idle_warning_seconds + 1)   # longer on a receipt not printed
    kit.workflow.tick()
    kit.clock.advance(kit.idle_countdown)
    kit.workflow.tick()


def _change_paper(kit: _Kit) -> None:
    """Between two visits a technician changes the receipt roll (maintenance mode)."""
    kit.clock.advance(60)
    kit.journal.record("maintenance", action="entered", role="technician")
    kit.clock.advance(90)
    kit.printer.set_status(None)
    kit.journal.record("maintenance", action="paper_changed", role="technician", device="printer")
    kit.clock.advance(20)
    kit.journal.record("maintenance", action="left", role="technician")
