"""The plan of a simulated day: who comes when, in which language, for what, and how
their visit ends. Pure: a `random.Random` in, visits out; nothing here touches a device.

The mix is a plausible station hall's, not a measured one: most visitors complete;
some cancel at a step, some are not eligible yet (a card that expires in more than the
renewal window, a minor), some are sent to the counter (a face that does not match, a
card that keeps slipping off the reader), some walk away and time out, a few meet a
device that fails (the camera unplugged, the reader unplugged). On top, faults that do
not end a visit: a card pulled once mid-read, a camera that vanishes and comes back
before the citizen taps "try again", a printer that runs out of paper until a
technician changes the roll.

Arrivals follow the opening hours (08:30 to 17:30) with morning and afternoon peaks and
a lunch dip. One kiosk serves one citizen at a time: a visitor who arrives while the
kiosk is busy starts when it is free. A day busier than a kiosk can serve in its
opening hours is compressed: every pause is shortened by the same factor (reported as
`time_scale`), so the day still fits.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from kiosk.demo.citizens import Citizen, fictitious_citizen
from kiosk.domain.cases import Case
from kiosk.workflow.states import State

OPENS, CLOSES = dt.time(8, 30), dt.time(17, 30)
# Relative arrival rate for each half hour from 08:30: peaks mid-morning and mid-afternoon,
# a dip over lunch.
HALF_HOURS = (0.6, 1.0, 1.2, 1.3, 1.3, 1.2, 1.0, 0.5, 0.35, 0.4, 0.8, 1.1, 1.2, 1.2, 1.1, 1.0, 0.8, 0.5)
ENDINGS = (("completed", 0.62), ("cancelled", 0.12), ("not_eligible", 0.06), ("handed_over", 0.08),
           ("timed_out", 0.06), ("device_error", 0.06))
LANGUAGES = {"CHN": (("zh_CN", 0.75), ("en", 0.10), ("vi", 0.15)),
             "VNM": (("vi", 0.80), ("en", 0.10), ("zh_CN", 0.10))}
CASES = ((Case.EXPIRING, 0.60), (Case.DAMAGED, 0.25), (Case.LOST, 0.15))
# Where a citizen who gives up does so (a chip read happens as soon as the case is
# chosen, so only a typed number's citizen is ever left waiting in IDENTIFY).
CANCEL_AT = ((State.CASE, 2), (State.IDENTIFY, 1), (State.ELIGIBILITY, 2), (State.PORTRAIT, 2),
             (State.CONTACT, 3), (State.REVIEW, 3))
TIME_OUT_AT = ((State.IDENTIFY, 1), (State.ELIGIBILITY, 1), (State.PORTRAIT, 1), (State.CONTACT, 2),
               (State.REVIEW, 2), (State.RECEIPT, 1))
# Seconds a citizen spends on each thing (low, high, most likely), before any scaling.
PAUSES = {
    "case": (3, 15, 6), "card": (3, 15, 6), "typing": (12, 45, 20), "eligibility": (3, 12, 5),
    "face": (4, 15, 7), "retry": (3, 10, 5), "portrait": (5, 14, 8), "choose": (3, 15, 6),
    "contact": (12, 45, 20), "address": (15, 50, 30), "review": (8, 40, 15), "print": (3, 8, 4),
    "receipt": (5, 25, 10), "handover": (5, 15, 8), "not_eligible": (5, 20, 10),
    "device_error": (5, 20, 10), "give_up": (3, 20, 8),
    "step_up": (3, 20, 6),          # from the queue to the screen, once the kiosk is free
}
GOODBYE_SECONDS = 10
CARD_PULLED_ONCE = 0.06     # of visits with a chip read that complete
CAMERA_BLIP = 0.03          # of visits that complete: the camera vanishes, is back at "try again"
PAPER_RUNS_OUT = 1 / 120    # per visit, while the printer has paper
PAPER_CHANGED_AFTER = (1, 3)  # completed visits without a printed receipt before the technician comes


@dataclass
class Visit:
    number: int
    citizen: Citizen
    language: str
    case: Case
    ending: str                       # completed | cancelled | not_eligible | handed_over | timed_out | device_error
    leave_at: State | None = None     # where a cancelled or timed-out visit stops
    large_text: bool = False
    pickup: str = "station"
    faults: list[str] = field(default_factory=list)   # injected, in the order they happen
    face_mismatches: int = 0          # face checks that do not match
    card_pulls: int = 0               # reads the card slips off during
    pauses: dict[str, float] = field(default_factory=dict)
    change_paper_after: bool = False  # a technician changes the receipt roll after this visit
    arrival: dt.datetime | None = None

    @property
    def prints(self) -> bool:
        """The visit reaches the receipt (completed, or walked away from the receipt)."""
        return self.ending == "completed" or (self.ending == "timed_out" and self.leave_at is State.RECEIPT)

    @property
    def busy_seconds(self) -> float:
        """How long the kiosk is busy with this visit, roughly (for the day's schedule)."""
        return sum(self.pauses.values()) + GOODBYE_SECONDS


def _pick(rng: random.Random, weighted) -> object:  # type: ignore[no-untyped-def]
    values, weights = zip(*weighted)
    return rng.choices(values, weights)[0]


def plan_day(rng: random.Random, day: dt.date, sessions: int, country: str, *, window_days: int = 90,
             min_age: int = 16, face_attempts: int = 3, card_attempts: int = 3) -> tuple[list[Visit], float]:
    """`sessions` visits for `day` in arrival order, and the factor their pauses were
    scaled by to fit the opening hours (1.0 when they fit)."""
    taken: set[str] = set()
    visits = [_visit(rng, n + 1, day, country, taken, window_days, min_age, face_attempts, card_attempts)
              for n in range(sessions)]
    opens = dt.datetime.combine(day, OPENS)
    arrivals = sorted(opens + dt.timedelta(seconds=(slot + rng.random()) * 1800)
                      for slot in rng.choices(range(len(HALF_HOURS)), HALF_HOURS, k=sessions))
    for visit, arrival in zip(visits, arrivals):
        visit.arrival = arrival
    _paper(rng, visits)
    available = (dt.datetime.combine(day, CLOSES) - opens).total_seconds() * 0.9
    busy = sum(v.busy_seconds for v in visits)
    scale = min(1.0, available / busy) if busy else 1.0
    if scale < 1.0:
        for visit in visits:
            visit.pauses = {k: v * scale for k, v in visit.pauses.items()}
    return visits, scale


def _visit(rng: random.Random, number: int, day: dt.date, country: str, taken: set[str], window_days: int,
           min_age: int, face_attempts: int, card_attempts: int) -> Visit:
    case = _pick(rng, CASES)
    ending = _pick(rng, ENDINGS)
    chip = case is not Case.LOST
    age, expires = None, None
    leave_at = None
    if ending == "not_eligible":
        if case is Case.EXPIRING and rng.random() < 0.7:
            expires = rng.randint(window_days + 10, window_days + 400)     # too early
        else:
            age = rng.randint(8, min_age - 1)                              # too young
    elif ending in ("cancelled", "timed_out"):
        places = [(s, w) for s, w in (CANCEL_AT if ending == "cancelled" else TIME_OUT_AT)
                  if chip is False or s is not State.IDENTIFY]
        leave_at = _pick(rng, places)
    citizen = fictitious_citizen(rng, country, day, age=age, expires_in_days=expires, taken=taken)
    visit = Visit(number, citizen, _pick(rng, LANGUAGES[country]), case, ending, leave_at,  # type: ignore[arg-type]
                  large_text=rng.random() < 0.08, pickup="post" if rng.random() < 0.25 else "station")
    if ending == "handed_over":
        if chip and rng.random() < 0.35:
            visit.card_pulls = card_attempts
            visit.faults.append("card_pulled")
        else:
            visit.face_mismatches = face_attempts
    elif ending == "device_error":
        visit.faults.append("reader_unplugged" if chip and rng.random() < 0.4 else "camera_gone")
    elif ending == "completed":
        if chip and rng.random() < CARD_PULLED_ONCE:
            visit.card_pulls = 1
            visit.faults.append("card_pulled")
        if rng.random() < CAMERA_BLIP:
            visit.faults.append("camera_blip")
    visit.pauses = {name: rng.triangular(*PAUSES[name]) for name in _pauses_of(visit)}
    return visit


def _pauses_of(visit: Visit) -> list[str]:
    """The pauses a visit takes, whatever its ending (unused ones cost nothing)."""
    names = ["step_up", "case", "card" if visit.case is not Case.LOST else "typing", "eligibility", "face", "portrait",
             "choose", "contact", "review", "print", "receipt"]
    if visit.pickup == "post":
        names.append("address")
    if visit.face_mismatches:
        names += ["retry", "handover"]
    if visit.card_pulls:
        names += ["retry", "handover"]
    if visit.ending == "not_eligible":
        names.append("not_eligible")
    if visit.ending in ("cancelled", "timed_out"):
        names.append("give_up")
    if visit.ending == "device_error" or "camera_blip" in visit.faults:
        names.append("device_error")
    return names


def _paper(rng: random.Random, visits: list[Visit]) -> None:
    """Now and then the receipt roll runs out just before a receipt; the next few
    receipts are not printed (the application is saved all the same) until a technician
    changes the roll, between two visits."""
    unprinted = 0
    for visit in visits:
        if not visit.prints:
            continue
        if unprinted == 0 and rng.random() < PAPER_RUNS_OUT:
            visit.faults.append("paper_out")
            unprinted = rng.randint(*PAPER_CHANGED_AFTER)
        if unprinted:
            unprinted -= 1
            visit.change_paper_after = unprinted == 0
