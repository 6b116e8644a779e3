"""The summary's charts, drawn by matplotlib with its Agg backend (no display, no Qt).

Each chart is a PNG (`Chart.png`) drawn from the day's rows alone, labelled in the
language asked for with the receipt's font (WenQuanYi Micro Hei, which covers Chinese
and Vietnamese; `kiosk.receipts.fonts`), so the PDF never shows boxes for glyphs.
Figures are made with `matplotlib.figure.Figure`, not pyplot: no global state, so
exports in two threads (the scheduler and a command) cannot draw into each other.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import io
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")   # before anything draws: never a display, never Qt

import numpy as np   # noqa: E402
from matplotlib import font_manager   # noqa: E402
from matplotlib.figure import Figure   # noqa: E402

from kiosk.operations.exports.sessions import GIVE_UP, STEPS, Day   # noqa: E402
from kiosk.operations.exports.texts import text   # noqa: E402

WIDTH_IN, HEIGHT_IN, DPI = 7.0, 2.9, 130
OUTCOME_ORDER = ("completed", "handed_over", "not_eligible", "cancelled", "timed_out", "device_error", "unfinished")
COLOURS = {"completed": "#2e7d32", "handed_over": "#1565c0", "not_eligible": "#6a1b9a",
           "cancelled": "#ef6c00", "timed_out": "#f9a825", "device_error": "#c62828", "unfinished": "#757575"}


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    png: bytes


@functools.cache
def _font_family() -> str:
    from kiosk.receipts.fonts import find_font_file

    path = str(find_font_file().path)
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def _figure(ncols: int = 1, *, left: float = 0.08, right: float = 0.97) -> tuple[Figure, Any]:
    # Fixed margins, not a layout engine: constrained layout draws every figure twice,
    # which doubled the export's time (21 charts for three languages).
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    fig.subplots_adjust(left=left, right=right, top=0.88, bottom=0.16, wspace=0.75)
    axes = fig.subplots(1, ncols)
    for ax in np.atleast_1d(axes):
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
    return fig, axes


def _png(fig: Figure) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _empty(ax: Any, lang: str, key: str = "none") -> None:
    ax.text(0.5, 0.5, text(key, lang), ha="center", va="center", transform=ax.transAxes, color="#757575")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[["left", "bottom"]].set_visible(False)


def _hbar(ax: Any, labels: list[str], values: list[float], lang: str, colour: str = "#1565c0",
          fmt: str = "{:g}", empty: str = "none") -> None:
    if not values:
        _empty(ax, lang, empty)
        return
    y = np.arange(len(values))
    bars = ax.barh(y, values, color=colour)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.bar_label(bars, labels=[fmt.format(v) for v in values], fontsize=7, padding=2)
    ax.margins(x=0.15)
    if all(float(v).is_integer() for v in values):
        ax.xaxis.get_major_locator().set_params(integer=True)


def draw_all(day: Day, lang: str, backlog: list[tuple[dt.datetime, int]]) -> list[Chart]:
    """Every chart of the summary for `day`, labelled in `lang`."""
    family = _font_family()
    with matplotlib.rc_context({"font.family": family, "font.size": 8, "axes.titlesize": 10,
                                "axes.titleweight": "normal", "axes.unicode_minus": False}):
        return [
            _by_hour(day, lang), _outcomes(day, lang), _step_times(day, lang), _give_up(day, lang),
            _faults(day, lang), _backlog(day, lang, backlog), _receipts(day, lang),
        ]


def _hours(day: Day) -> list[int]:
    seen = [r.start.hour for r in day.sessions]
    first, last = (min(seen), max(seen)) if seen else (8, 17)
    return list(range(min(first, 8), max(last, 17) + 1))


def _by_hour(day: Day, lang: str) -> Chart:
    fig, ax = _figure(right=0.80)
    hours = _hours(day)
    counts = collections.Counter((r.start.hour, r.outcome or "unfinished") for r in day.sessions)
    bottom = np.zeros(len(hours))
    for outcome in OUTCOME_ORDER:
        values = np.array([counts[(h, outcome)] for h in hours])
        if values.any():
            ax.bar(hours, values, bottom=bottom, color=COLOURS[outcome], label=text(outcome, lang), width=0.8)
            bottom += values
    ax.set_xticks(hours, [f"{h:02d}" for h in hours])
    ax.set_xlabel(text("hour", lang))
    ax.set_ylabel(text("count", lang))
    ax.yaxis.get_major_locator().set_params(integer=True)
    if day.sessions:
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        _empty(ax, lang)
    ax.set_title(text("by_hour", lang))
    return Chart("by_hour", text("by_hour", lang), _png(fig))


def _outcomes(day: Day, lang: str) -> Chart:
    fig, ax = _figure(left=0.22)
    counts = collections.Counter(r.outcome or "unfinished" for r in day.sessions)
    shown = [o for o in OUTCOME_ORDER if counts[o]]
    total = sum(counts.values())
    if shown:
        y = np.arange(len(shown))
        bars = ax.barh(y, [counts[o] for o in shown], color=[COLOURS[o] for o in shown])
        ax.set_yticks(y, [text(o, lang) for o in shown])
        ax.invert_yaxis()
        ax.bar_label(bars, labels=[f"{counts[o]} ({100 * counts[o] / total:.0f}%)" for o in shown],
                     fontsize=7, padding=2)
        ax.margins(x=0.2)
    else:
        _empty(ax, lang)
    ax.set_title(text("outcomes", lang))
    return Chart("outcomes", text("outcomes", lang), _png(fig))


def step_statistics(day: Day) -> dict[str, tuple[float, float, int]]:
    """Per step: median and 90th-percentile seconds, and how many sessions spent time there."""
    spent: dict[str, list[float]] = collections.defaultdict(list)
    for r in day.sessions:
        for step, seconds in r.seconds.items():
            spent[step].append(seconds)
    return {s: (float(np.median(spent[s])), float(np.percentile(spent[s], 90)), len(spent[s]))
            for s in STEPS if spent.get(s)}


def _step_times(day: Day, lang: str) -> Chart:
    fig, ax = _figure(left=0.27)
    stats = step_statistics(day)
    if stats:
        steps = list(stats)
        y = np.arange(len(steps))
        med = ax.barh(y - 0.2, [stats[s][0] for s in steps], height=0.4, color="#1565c0", label=text("median", lang))
        p90 = ax.barh(y + 0.2, [stats[s][1] for s in steps], height=0.4, color="#90caf9", label=text("p90", lang))
        ax.bar_label(med, fmt="%.0f", fontsize=6, padding=2)
        ax.bar_label(p90, fmt="%.0f", fontsize=6, padding=2)
        ax.set_yticks(y, [f"{text(s, lang)} (n={stats[s][2]})" for s in steps])
        ax.invert_yaxis()
        ax.set_xlabel(text("seconds", lang))
        ax.legend(fontsize=7, frameon=False, loc="lower right")
        ax.margins(x=0.1)
    else:
        _empty(ax, lang)
    ax.set_title(text("step_times", lang))
    return Chart("step_times", text("step_times", lang), _png(fig))


def _give_up(day: Day, lang: str) -> Chart:
    fig, ax = _figure(left=0.22)
    # A citizen who walked away from the receipt screen had made their application:
    # that is not giving up, and counting it would blame the receipt step.
    where = collections.Counter(r.step_reached for r in day.sessions
                                if r.outcome in GIVE_UP and not r.application_number)
    steps = [s for s in STEPS if where[s]] + sorted(s for s in where if s not in STEPS)
    _hbar(ax, [text(s, lang) for s in steps], [where[s] for s in steps], lang, colour="#ef6c00")
    ax.set_title(text("give_up", lang))
    return Chart("give_up", text("give_up", lang), _png(fig))


def downtime_minutes(day: Day) -> dict[str, float]:
    """Minutes each device spent in a state other than "ok" (the health monitor's entries),
    and the kiosk out of service; a spell still open at the end of the day counts to midnight."""
    end_of_day = None
    result: dict[str, float] = collections.defaultdict(float)
    since: dict[str, dt.datetime] = {}
    for at, device, state in day.device_states:
        end_of_day = end_of_day or dt.datetime.combine(day.day + dt.timedelta(days=1), dt.time(0), tzinfo=at.tzinfo)
        if state == "ok":
            if device in since:
                result[device] += (at - since.pop(device)).total_seconds() / 60
        else:
            since.setdefault(device, at)
    for device, start in since.items():
        result[device] += ((end_of_day or start) - start).total_seconds() / 60
    for start, end in day.out_of_service:
        stop = end or dt.datetime.combine(day.day + dt.timedelta(days=1), dt.time(0), tzinfo=start.tzinfo)
        result["out_of_service"] += (stop - start).total_seconds() / 60
    return {k: round(v, 1) for k, v in sorted(result.items())}


def _faults(day: Day, lang: str) -> Chart:
    fig, (left, right) = _figure(2, left=0.25)
    faults = collections.Counter((d, c) for _, d, c in day.device_faults)
    keys = sorted(faults, key=lambda k: (-faults[k], k))
    _hbar(left, [text(c, lang) for d, c in keys], [faults[k] for k in keys], lang,
          colour="#c62828")
    left.set_title(text("faults", lang))
    down = downtime_minutes(day)
    # Downtime is what the health monitor journals (device_state entries); a day without
    # them says so rather than draw an empty chart that reads as "nothing was down".
    _hbar(right, [text(d, lang) for d in down], list(down.values()), lang, colour="#757575", fmt="{:.1f}",
          empty="no_downtime")
    right.set_title(text("downtime", lang))
    return Chart("faults", f"{text('faults', lang)} / {text('downtime', lang)}", _png(fig))


def _backlog(day: Day, lang: str, backlog: list[tuple[dt.datetime, int]]) -> Chart:
    fig, ax = _figure()
    if backlog:
        times = [t.hour + t.minute / 60 + t.second / 3600 for t, _ in backlog]
        ax.step(times, [n for _, n in backlog], where="post", color="#1565c0")
        ax.fill_between(times, [n for _, n in backlog], step="post", alpha=0.2, color="#1565c0")
        hours = _hours(day)
        ax.set_xlim(hours[0], hours[-1] + 1)
        ax.set_xticks(hours + [hours[-1] + 1], [f"{h:02d}" for h in hours + [hours[-1] + 1]])
        ax.set_xlabel(text("hour", lang))
        ax.set_ylabel(text("count", lang))
        ax.set_ylim(bottom=0)
        ax.yaxis.get_major_locator().set_params(integer=True)
    else:
        _empty(ax, lang)
    ax.set_title(text("backlog", lang))
    return Chart("backlog", text("backlog", lang), _png(fig))


def _receipts(day: Day, lang: str) -> Chart:
    fig, ax = _figure(right=0.80)
    hours = _hours(day)
    printed = collections.Counter(r.start.hour for r in day.sessions if r.printed)
    ax.bar(hours, [printed[h] for h in hours], color="#2e7d32", width=0.8, label=text("receipts_printed", lang))
    changes = [at for at, action, _ in day.maintenance if action == "paper_changed"]
    for i, at in enumerate(changes):
        x = at.hour + at.minute / 60 - 0.5   # bars are centred on their hour
        ax.axvline(x, color="#c62828", linestyle="--", linewidth=1,
                   label=text("paper_changes_n", lang, n=len(changes)) if i == 0 else None)
    if not changes:   # said, not left out: "no paper change" is a fact an operator checks
        ax.plot([], [], color="#c62828", linestyle="--", linewidth=1, label=text("paper_changes_n", lang, n=0))
    ax.set_xticks(hours, [f"{h:02d}" for h in hours])
    ax.set_xlabel(text("hour", lang))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(text("receipts", lang))
    return Chart("receipts", text("receipts", lang), _png(fig))


def backlog_over_day(day: dt.date, entries: list[tuple[dt.datetime, dt.datetime | None]],
                     tz: dt.tzinfo | None) -> list[tuple[dt.datetime, int]]:
    """How many applications were waiting for delivery through the day, as steps: from
    the queue's (created_at, delivered_at) of every application (earlier days' too)."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(dt.timezone.utc)
    end = start + dt.timedelta(days=1)
    level = sum(1 for c, d in entries if c < start and (d is None or d >= start))
    changes: list[tuple[dt.datetime, int]] = []
    for created, delivered in entries:
        if start <= created < end:
            changes.append((created, +1))
        if delivered is not None and start <= delivered < end:
            changes.append((delivered, -1))
    points = [(start, level)]
    for at, step in sorted(changes):
        level += step
        points.append((at, level))
    points.append((end - dt.timedelta(seconds=1), level))
    return [(t.astimezone(tz), n) for t, n in points]
