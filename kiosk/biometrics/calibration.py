"""Threshold calibration for a site: error rates along the threshold, from labelled pairs.

A matcher's shipped threshold was set on a handful of public test faces; a kiosk's
camera, light and citizens are not those. A technician collects pairs the way the kiosk
meets them (a chip or office portrait against a live frame of the same person, and of
other people) and `kiosk face calibrate` measures every pair and reports:

* the false-accept rate (FAR: impostor pairs at or below the threshold) and the
  false-reject rate (FRR: genuine pairs above it) along the threshold;
* the equal-error point, where the two rates meet;
* a suggested threshold for a target FAR: among the thresholds that meet the target,
  those with the fewest false rejects form a range, and the middle of that range is
  suggested, so the threshold keeps its distance from both the nearest impostor and the
  farthest genuine pair instead of sitting on one of them.

With N impostor pairs the smallest FAR that can be told from zero is 1/N: a target below
that is only as good as the pairs behind it, and the report says so.

The folder of pairs: `genuine/NAME/` and `impostor/NAME/`, each holding one
`reference.*` and one `probe.*` picture. No picture and no name of a person is ever
written to the report, only the pair folders' names and their distances.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

LABELS = ("genuine", "impostor")
CURVE_STEP = 0.01


@dataclass(frozen=True)
class PairSpec:
    label: str           # "genuine" | "impostor"
    name: str            # the pair folder's name
    reference: Path
    probe: Path


@dataclass(frozen=True)
class MeasuredPair:
    label: str
    name: str
    distance: float      # NaN when a face was not found in one of the pictures
    problem: str = ""


class PairsFolderError(ValueError):
    """The folder does not hold labelled pairs in the expected layout."""


def find_pairs(folder: Path) -> list[PairSpec]:
    """The pairs under `folder` (see the module docstring), in name order. The errors do not
    name `folder` (the caller shows it the way its own messages show paths); OSError from
    listing it passes through."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PairsFolderError("not a folder")
    pairs: list[PairSpec] = []
    for label in LABELS:
        base = folder / label
        if not base.is_dir():
            continue
        for pair_dir in sorted(p for p in base.iterdir() if p.is_dir()):
            refs = sorted(p for p in pair_dir.iterdir() if p.is_file() and p.stem == "reference")
            probes = sorted(p for p in pair_dir.iterdir() if p.is_file() and p.stem == "probe")
            if len(refs) != 1 or len(probes) != 1:
                raise PairsFolderError(
                    f"{label}/{pair_dir.name} must hold one reference.* and one probe.* picture")
            pairs.append(PairSpec(label, pair_dir.name, refs[0], probes[0]))
    counts = {label: sum(p.label == label for p in pairs) for label in LABELS}
    missing = [label for label, n in counts.items() if n == 0]
    if missing:
        raise PairsFolderError(
            f"no {' and no '.join(missing)} pairs (expected {'/NAME/, '.join(LABELS)}/NAME/ folders "
            "with reference.* and probe.* pictures)")
    return pairs


def rates(genuine: Sequence[float], impostor: Sequence[float], threshold: float) -> tuple[float, float]:
    """(FAR, FRR) at `threshold`: a pair is accepted when its distance is at most the threshold."""
    far = sum(d <= threshold for d in impostor) / len(impostor)
    frr = sum(d > threshold for d in genuine) / len(genuine)
    return far, frr


@dataclass(frozen=True)
class Calibration:
    method: str
    configured_threshold: float
    target_far: float
    genuine: tuple[float, ...]
    impostor: tuple[float, ...]
    unusable: tuple[MeasuredPair, ...] = ()
    pairs: tuple[MeasuredPair, ...] = field(default=(), repr=False)

    # -- what the report says ---------------------------------------------------------
    @property
    def margin(self) -> float:
        """Nearest impostor minus farthest genuine pair: positive when a threshold separates them."""
        return min(self.impostor) - max(self.genuine)

    def curve(self) -> list[tuple[float, float, float]]:
        """(threshold, FAR, FRR) every CURVE_STEP, from just below the smallest distance to
        just above the largest."""
        everything = self.genuine + self.impostor
        low = max(0.0, math.floor(min(everything) / CURVE_STEP) * CURVE_STEP - CURVE_STEP)
        high = math.ceil(max(everything) / CURVE_STEP) * CURVE_STEP + CURVE_STEP
        steps = int(round((high - low) / CURVE_STEP))
        return [(round(low + i * CURVE_STEP, 4), *rates(self.genuine, self.impostor, low + i * CURVE_STEP))
                for i in range(steps + 1)]

    def equal_error(self) -> tuple[float, float]:
        """(threshold, rate) where FAR and FRR are closest (their mean is the rate)."""
        candidates = sorted(set(self.genuine + self.impostor))
        best = min(candidates, key=lambda t: (abs(rates(self.genuine, self.impostor, t)[0]
                                                  - rates(self.genuine, self.impostor, t)[1]), t))
        far, frr = rates(self.genuine, self.impostor, best)
        if far == 0 and frr == 0:
            # Separable: every threshold between the groups has no error; name its middle.
            best = (max(self.genuine) + min(self.impostor)) / 2
        return best, (far + frr) / 2

    def suggested(self) -> tuple[float, float, float]:
        """(threshold, FAR, FRR) for the target FAR: the middle of the thresholds that meet
        it with the fewest false rejects."""
        impostor = sorted(self.impostor)
        allowed = math.floor(self.target_far * len(impostor) + 1e-9)   # impostors that may pass
        # Thresholds below the (allowed+1)-th smallest impostor distance meet the target.
        ceiling = impostor[allowed] if allowed < len(impostor) else math.inf
        below = sorted(d for d in self.genuine if d < ceiling)
        floor_ = below[-1] if below else 0.0
        if math.isinf(ceiling):
            ceiling = max(self.genuine + self.impostor) + CURVE_STEP
        threshold = (floor_ + ceiling) / 2
        far, frr = rates(self.genuine, self.impostor, threshold)
        return threshold, far, frr

    def as_record(self) -> dict[str, object]:
        eer_t, eer = self.equal_error()
        sug_t, sug_far, sug_frr = self.suggested()
        conf_far, conf_frr = rates(self.genuine, self.impostor, self.configured_threshold)
        notes = []
        if self.target_far and self.target_far < 1 / len(self.impostor):
            notes.append(f"with {len(self.impostor)} impostor pairs the smallest false-accept rate that can be "
                         f"measured is {1 / len(self.impostor):.4f}: collect more pairs to calibrate for "
                         f"{self.target_far:g}")
        if self.margin <= 0:
            notes.append("no threshold separates the genuine from the impostor pairs")
        return {
            "method": self.method,
            "pairs": {"genuine": len(self.genuine), "impostor": len(self.impostor), "unusable": len(self.unusable)},
            "genuine": _summary(self.genuine),
            "impostor": _summary(self.impostor),
            "margin": round(self.margin, 4),
            "configured": {"threshold": self.configured_threshold, "far": round(conf_far, 4),
                           "frr": round(conf_frr, 4)},
            "equal_error": {"threshold": round(eer_t, 4), "rate": round(eer, 4)},
            "suggested": {"target_far": self.target_far, "threshold": round(sug_t, 4), "far": round(sug_far, 4),
                          "frr": round(sug_frr, 4)},
            "curve": [{"threshold": t, "far": round(far, 4), "frr": round(frr, 4)} for t, far, frr in self.curve()],
            "measured": [{"label": p.label, "pair": p.name,
                          "distance": None if math.isnan(p.distance) else round(p.distance, 4),
                          **({"problem": p.problem} if p.problem else {})} for p in self.pairs],
            "notes": notes,
        }


def _summary(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return {"min": round(ordered[0], 4), "median": round(median, 4), "max": round(ordered[-1], 4)}


def calibrate(measured: Iterable[MeasuredPair], *, method: str, configured_threshold: float,
              target_far: float = 0.0) -> Calibration:
    """The report for measured pairs. Raises PairsFolderError when a label has no usable pair."""
    pairs = tuple(measured)
    usable = [p for p in pairs if not math.isnan(p.distance)]
    genuine = tuple(p.distance for p in usable if p.label == "genuine")
    impostor = tuple(p.distance for p in usable if p.label == "impostor")
    if not genuine or not impostor:
        raise PairsFolderError("calibration needs at least one usable genuine and one usable impostor pair "
                               "(a face must be found in both pictures of a pair)")
    return Calibration(method, configured_threshold, target_far, genuine, impostor,
                       tuple(p for p in pairs if math.isnan(p.distance)), pairs)


def plot(calibration: Calibration, target: Path) -> None:
    """The two distance distributions, the error rates and the thresholds, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")   # no display: a file only
    import matplotlib.pyplot as plt

    c = calibration
    curve = c.curve()
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    try:
        everything = c.genuine + c.impostor
        bins = [curve[0][0] + i * (curve[-1][0] - curve[0][0]) / 40 for i in range(41)]
        ax.hist(c.genuine, bins=bins, alpha=0.6, color="tab:green", label=f"same person ({len(c.genuine)})")
        ax.hist(c.impostor, bins=bins, alpha=0.6, color="tab:red", label=f"different people ({len(c.impostor)})")
        ax.set_xlabel(f"distance ({c.method})")
        ax.set_ylabel("pairs")
        rates_ax = ax.twinx()
        xs = [t for t, _, _ in curve]
        rates_ax.plot(xs, [far for _, far, _ in curve], color="darkred", label="false accepts")
        rates_ax.plot(xs, [frr for _, _, frr in curve], color="darkgreen", label="false rejects")
        rates_ax.set_ylim(0, 1.02)
        rates_ax.set_ylabel("rate")
        sug = c.suggested()[0]
        ax.axvline(c.configured_threshold, color="black", linestyle="--",
                   label=f"configured {c.configured_threshold:.3f}")
        ax.axvline(sug, color="tab:blue", linestyle=":", label=f"suggested {sug:.3f}")
        ax.set_xlim(min(everything + (c.configured_threshold,)) - 0.05,
                    max(everything + (c.configured_threshold,)) + 0.05)
        handles = ax.get_legend_handles_labels()
        more = rates_ax.get_legend_handles_labels()
        ax.legend(handles[0] + more[0], handles[1] + more[1], loc="upper right", fontsize=8)
        ax.set_title(f"margin {c.margin:+.3f}; equal error {c.equal_error()[1]:.3f}")
        fig.tight_layout()
        fig.savefig(str(target), format="png")
    finally:
        plt.close(fig)
