"""Portrait rules named after the ISO/IEC 29794-5 components that OFIQ implements.

OFIQ itself downloads its models at run time and cannot run here, so each component is
measured with the bundled mediapipe mesh and segmentation plus plain image statistics;
the names, and what each measures, follow OFIQ so an auditor can map one onto the other.
Every check returns its measured value, the configured limit(s), a verdict and a message
code the screen translates (`guidance.MESSAGES`).

Measures that need a region of the face are taken on a *normalised face*: the frame
warped so the eyes are level and 100 px apart. That makes "the band across the nose
bridge" or "the forehead" the same region in every frame, whatever the distance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Iterable, Sequence

import cv2
import numpy as np

from hardware.camera import Frame
from kiosk.biometrics import detection as d
from kiosk.biometrics.detection import FaceFinding, FaceObservation
from kiosk.biometrics.interfaces import CheckResult
from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_inside_fraction, crop_matrix

if TYPE_CHECKING:
    from kiosk.biometrics.segmentation import PersonMask

# mediapipe's mesh puts the forehead a little behind the chin on a frontal face: its raw
# pitch reads about -7° for a face looking straight at the camera (measured on official
# frontal portraits). The offset makes 0° mean "straight".
PITCH_OFFSET_DEG = -7.0

NORM_IED = 100.0                     # eye distance in the normalised face (px)
NORM_SIZE = (300, 380)               # normalised face image (w, h)
NORM_EYES = (150.0, 150.0)           # where the eye midpoint lands in it
# The background is judged on the portrait's crop at half its size: its spread, lightness
# and colour are statistics over tens of thousands of pixels, which a quarter of them
# estimate to within a few thousandths (checked on the test portraits, none changing its
# verdict), for a quarter of the warping and converting.
BACKGROUND_SCALE = 0.5
OUTLINE_PX = 9                       # left out around the person at the portrait's full size

# Components in the order the citizen should fix them (the first failure is what the
# live guidance says): be there alone, at the right place, facing, uncovered, then
# expression, then light and background, then hold still.
COMPONENTS: tuple[str, ...] = (
    "single_face_present",
    "head_size",
    "inter_eye_distance",
    "crop",
    "head_pose_yaw",
    "head_pose_pitch",
    "head_pose_roll",
    "glasses",
    "no_head_covering",
    "eyes_open",
    "mouth_closed",
    "luminance_mean",
    "exposure",
    "illumination_uniformity",
    "background_uniformity",
    "background_colour",
    "sharpness",
)


@dataclass(frozen=True)
class PortraitAssessment:
    checks: tuple[CheckResult, ...]
    face: FaceObservation | None = field(default=None, repr=False)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def failures(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if not c.passed)

    @property
    def first_failure(self) -> CheckResult | None:
        failures = self.failures
        return failures[0] if failures else None

    def check(self, component: str) -> CheckResult | None:
        for c in self.checks:
            if c.component == component:
                return c
        return None

    @property
    def score(self) -> float:
        """A ranking among passing frames: sharper, more frontal, more even light is better."""
        def value(name: str, default: float = 0.0) -> float:
            c = self.check(name)
            return default if c is None or not math.isfinite(c.value) else c.value

        pose = abs(value("head_pose_yaw")) + abs(value("head_pose_pitch")) + 0.5 * abs(value("head_pose_roll"))
        return (
            100.0 * value("sharpness")
            + 2.0 * value("illumination_uniformity")
            + 2.0 * min(value("eyes_open"), 0.35)
            - 0.05 * pose
            - 3.0 * value("mouth_closed")
        )

    def as_records(self) -> list[dict[str, object]]:
        return [check_record(c) for c in self.checks]


def check_record(c: CheckResult) -> dict[str, object]:
    return {
        "component": c.component,
        "value": None if not math.isfinite(c.value) else round(c.value, 4),
        "min": c.minimum,
        "max": c.maximum,
        "passed": c.passed,
        "message_code": c.message_code,
    }


def _within(component: str, value: float, *, low: float | None = None, high: float | None = None,
            low_code: str = "", high_code: str = "") -> CheckResult:
    passed = math.isfinite(value)
    code = ""
    if passed and low is not None and value < low:
        passed, code = False, low_code
    elif passed and high is not None and value > high:
        passed, code = False, high_code
    elif not passed:
        code = low_code or high_code
    return CheckResult(component, float(value), passed, code, minimum=low, maximum=high)


def _normalised_face(image: Frame, face: FaceObservation) -> tuple[np.ndarray, np.ndarray, float]:
    """(normalised image, landmarks in it, scale) - eyes level, NORM_IED apart."""
    roll = math.radians(face.pose.roll)
    scale = NORM_IED / max(face.inter_eye_distance, 1e-6)
    cos, sin = math.cos(-roll) * scale, math.sin(-roll) * scale
    cx, cy = (float(v) for v in face.eye_midpoint)
    tx = NORM_EYES[0] - (cos * cx - sin * cy)
    ty = NORM_EYES[1] - (sin * cx + cos * cy)
    matrix = np.array([[cos, -sin, tx], [sin, cos, ty]])
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    norm = cv2.warpAffine(image, matrix, NORM_SIZE, flags=interpolation, borderMode=cv2.BORDER_REPLICATE)
    pts = face.landmarks[:, :2] @ matrix[:, :2].T + matrix[:, 2]
    return norm, pts.astype(np.float32), scale


def _percentiles(grey: np.ndarray, low: float, high: float) -> tuple[float, float]:
    """Two percentiles of a uint8 image from its histogram (no sort: a 256-bin count)."""
    hist = cv2.calcHist([grey], [0], None, [256], [0, 256]).ravel()
    cumulative = np.cumsum(hist)
    total = cumulative[-1]
    return (float(np.searchsorted(cumulative, low / 100.0 * total)),
            float(np.searchsorted(cumulative, high / 100.0 * total)))


class NormalisedFace:
    """One normalised face and the conversions its measures share, each made once.

    The live pipeline has about 10 ms a frame for everything, so the grey, lightness
    and colour versions of the face, the face oval and the contrast are computed the
    first time a measure asks and reused by the others (all on the small normalised
    image, never on the camera frame). The colour conversions, masks and per-pixel work
    cover only the face oval's box (`window`, with a margin for the kernels), not the
    whole normalised image: about 60 % of its pixels. Every pixel a measure reads lies
    in that box and is computed as on the whole image, and the means are taken under
    masks or from histograms instead of copying pixels out as floats: the values are
    the same (to float rounding), only cheaper.
    """

    WINDOW_MARGIN = 4        # >= the largest kernel radius used inside the window (7x7 erode)

    def __init__(self, norm: np.ndarray, pts: np.ndarray) -> None:
        self.norm = norm
        self.pts = pts
        self.shape = norm.shape[:2]
        self._contrasts: dict[int, float] = {}

    @cached_property
    def window(self) -> tuple[slice, slice]:
        """(rows, columns) of the face oval's box plus `WINDOW_MARGIN`, inside the image."""
        h, w = self.shape
        oval = np.round(self.pts[list(d.FACE_OVAL)])
        m = self.WINDOW_MARGIN
        x0, y0 = (int(v) - m for v in oval.min(axis=0))
        x1, y1 = (int(v) + m + 1 for v in oval.max(axis=0))
        x0, y0, x1, y1 = min(max(x0, 0), w), min(max(y0, 0), h), min(max(x1, 0), w), min(max(y1, 0), h)
        return slice(y0, max(y0, y1)), slice(x0, max(x0, x1))

    @cached_property
    def grey(self) -> np.ndarray:
        return cv2.cvtColor(self.norm, cv2.COLOR_BGR2GRAY)

    @cached_property
    def lightness(self) -> np.ndarray:
        """L of CIELAB as uint8 (0-255) over `window`."""
        return np.ascontiguousarray(cv2.cvtColor(self.norm[self.window], cv2.COLOR_BGR2LAB)[..., 0])

    @cached_property
    def ycc(self) -> np.ndarray:
        """YCrCb over `window`."""
        return cv2.cvtColor(self.norm[self.window], cv2.COLOR_BGR2YCrCb)

    @cached_property
    def window_shape(self) -> tuple[int, int]:
        rows, cols = self.window
        return rows.stop - rows.start, cols.stop - cols.start

    def local(self, points: np.ndarray) -> np.ndarray:
        """Normalised-face points as int32 pixels of `window` (rounded first, then
        shifted: the same pixels the whole image's polygon would cover)."""
        rows, cols = self.window
        return np.round(points).astype(np.int32) - np.array([cols.start, rows.start], np.int32)

    def polygon(self, indices: Iterable[int]) -> np.ndarray:
        """uint8 mask (255 inside) over `window` of the polygon through these landmarks."""
        mask = np.zeros(self.window_shape, np.uint8)
        cv2.fillPoly(mask, [self.local(self.pts[list(indices)])], 255)
        return mask

    @cached_property
    def oval(self) -> np.ndarray:
        """The face oval over `window`."""
        return self.polygon(d.FACE_OVAL)

    def contrast(self, blur: int) -> float:
        """Spread between the 5th and 95th percentile of the blurred grey, at least 30."""
        if blur not in self._contrasts:
            low, high = _percentiles(cv2.GaussianBlur(self.grey, (blur, blur), 0), 5, 95)
            self._contrasts[blur] = max(high - low, 30.0)
        return self._contrasts[blur]


def glasses_score(face: NormalisedFace) -> float:
    """Strength of horizontal edges in the band across the nose bridge (0-1).

    A spectacle frame crosses the bridge of the nose as a bar, which shows as a row of
    strong vertical gradient; bare skin there is smooth. The score is the strongest
    row's mean gradient over the band, scaled to 0-1 (hand-written: no bundled model
    detects glasses).
    """
    pts = face.pts
    inner_r, inner_l = pts[133], pts[362]
    x0, x1 = int(inner_r[0] + 6), int(inner_l[0] - 6)
    eye_y = NORM_EYES[1]
    y0, y1 = int(eye_y - 30), int(eye_y + 12)
    if x1 - x0 < 6:
        return 0.0
    # the band with a margin for the blur and the Sobel kernel, blurred, then cut exactly
    by0, bx0 = max(0, y0 - 2), max(0, x0 - 2)
    region = cv2.GaussianBlur(face.grey[by0:y1 + 2, bx0:x1 + 2].astype(np.float32), (3, 3), 0)
    band = np.ascontiguousarray(region[max(0, y0) - by0:y1 - by0, max(0, x0) - bx0:x1 - bx0])
    rows = np.abs(cv2.Sobel(band, cv2.CV_32F, 0, 1, ksize=3)).mean(axis=1)
    return float(np.clip(rows.max() / (2.0 * face.contrast(3)), 0.0, 1.0))


def forehead_skin_share(face: NormalisedFace) -> float:
    """Share of the forehead (brows up to the mesh top) that has the cheeks' skin colour.

    A cap, a scarf or a hood hides the forehead behind something that is not skin;
    hair across the forehead counts too, which the ICAO rules also ask to avoid.
    """
    pts, ycc = face.pts, face.ycc
    cheeks = cv2.bitwise_or(face.polygon(d.RIGHT_CHEEK), face.polygon(d.LEFT_CHEEK))
    if cv2.countNonZero(cheeks) < 20:
        return float("nan")
    mean, std = (v.ravel() for v in cv2.meanStdDev(ycc, mask=cheeks))
    spread = np.maximum(std, (12.0, 4.0, 4.0))
    # polygon: the brows from the image's left to its right, then the top arc back
    poly = np.concatenate([pts[list(d.RIGHT_BROW + d.LEFT_BROW)], pts[list(d.FOREHEAD_ARC)]])
    region = np.zeros(face.window_shape, np.uint8)
    cv2.fillPoly(region, [face.local(poly)], 255)
    # keep clear of the brows themselves
    region = cv2.erode(region, np.ones((5, 5), np.uint8))
    x, y, w, h = cv2.boundingRect(region)
    total = cv2.countNonZero(region)
    if total < 20:
        return float("nan")
    # Whether a value is skin-like depends on the value alone: a 256-entry table per
    # channel instead of arithmetic on every forehead pixel.
    values = np.arange(256, dtype=np.float64)[:, None]
    z = np.abs(values - mean) / (3.0 * spread)
    tables = np.full((256, 3), 255, np.uint8)
    tables[:, 0] = np.where(values[:, 0] > mean[0] - 4.0 * spread[0], 255, 0)
    tables[:, 1] = np.where(z[:, 1] < 1.0, 255, 0)
    tables[:, 2] = np.where(z[:, 2] < 1.0, 255, 0)
    part = ycc[y:y + h, x:x + w]
    is_skin = region[y:y + h, x:x + w]
    for channel in range(3):
        is_skin = cv2.bitwise_and(is_skin, cv2.LUT(part[..., channel], tables[:, channel]))
    return cv2.countNonZero(is_skin) / total


def brim_score(face: NormalisedFace) -> float:
    """Strength of one straight horizontal edge across the top of the forehead.

    The band of a cap or the edge of a scarf runs straight across the forehead's top,
    so its vertical gradient keeps one sign along a row and the row's *signed* mean is
    large; a hairline is ragged and its gradients partly cancel. Measured here: a
    military cap 1.5, dark hair over light skin 0.55-0.77, light hair 0.1-0.25.
    Hand-written: no bundled model detects head coverings.
    """
    pts, grey = face.pts, face.grey
    top = float(pts[d.FOREHEAD_TOP][1])
    x0, x1 = int(pts[109][0]), int(pts[338][0])
    y0, y1 = int(max(0.0, top - 0.6 * NORM_IED)), int(min(grey.shape[0], top + 0.15 * NORM_IED))
    if x1 - x0 < 10 or y1 - y0 < 5:
        return float("nan")
    by0, bx0 = max(0, y0 - 3), max(0, x0 - 3)
    region = cv2.GaussianBlur(grey[by0:y1 + 3, bx0:x1 + 3].astype(np.float32), (5, 5), 0)
    band = np.ascontiguousarray(region[y0 - by0:y1 - by0, max(0, x0) - bx0:x1 - bx0])
    rows = np.abs(cv2.Sobel(band, cv2.CV_32F, 0, 1, ksize=3).mean(axis=1))
    return float(rows.max() / face.contrast(5))


def head_covering_score(face: NormalisedFace) -> float:
    """0-1: the larger of half the brim score and the share of the forehead that is not skin."""
    brim = brim_score(face)
    skin = forehead_skin_share(face)
    parts = [v for v in (brim / 2.0 if math.isfinite(brim) else math.nan,
                         1.0 - skin if math.isfinite(skin) else math.nan) if math.isfinite(v)]
    return float(min(1.0, max(parts))) if parts else float("nan")


def illumination_uniformity(face: NormalisedFace) -> float:
    """Darker over brighter mean lightness of the two halves of the face (1 = even)."""
    pts, shape = face.pts, face.shape
    inner = face.oval.copy()
    # leave out eyes, brows and mouth: their darkness is not the light's doing
    for part in (d.RIGHT_EYE_EAR, d.LEFT_EYE_EAR):
        cv2.fillPoly(inner, [face.local(cv2.convexHull(pts[list(part)]))], 0)
    mid_x = int(math.ceil(float((pts[168][0] + pts[152][0]) / 2)))
    mid_x = min(max(mid_x, 0), shape[1])
    mid_x = min(max(mid_x - face.window[1].start, 0), inner.shape[1])   # in the window
    light = face.lightness
    right, left = inner[:, :mid_x], inner[:, mid_x:]
    if cv2.countNonZero(right) < 50 or cv2.countNonZero(left) < 50:
        return float("nan")
    a = cv2.mean(light[:, :mid_x], mask=right)[0] / 255.0
    b = cv2.mean(light[:, mid_x:], mask=left)[0] / 255.0
    return min(a, b) / max(a, b, 1e-6)


def face_luminance(face: NormalisedFace) -> tuple[float, float]:
    """(mean lightness 0-1, share of clipped pixels) over the face oval."""
    counts = cv2.calcHist([face.lightness], [0], face.oval, [256], [0, 256]).ravel()
    total = float(counts.sum())
    if total == 0:
        return float("nan"), float("nan")
    # clipped: below 0.04 or above 0.98 of the scale, i.e. L <= 10 or L >= 250
    clipped = float(counts[:11].sum() + counts[250:].sum()) / total
    return float(counts @ np.arange(256.0)) / total / 255.0, clipped


def face_sharpness(face: NormalisedFace) -> float:
    """Mean gradient magnitude (0-1) inside the face at the normalised scale.

    Measured after normalising the eye distance, so a far face is not 'sharper' for
    being small; a blurred or moving face loses its fine edges (skin, lashes, brows).
    """
    inside = cv2.erode(face.oval, np.ones((7, 7), np.uint8)) > 0
    lap = np.abs(cv2.Laplacian(face.grey[face.window], cv2.CV_32F, ksize=3)) * (1.0 / 255.0)
    vals = lap[inside]
    return float(vals.mean()) if vals.size else float("nan")


def background_measures(portrait: Frame, person: np.ndarray, *, outline_px: int = OUTLINE_PX
                        ) -> tuple[float, float, float]:
    """(lightness spread, mean lightness, mean chroma) of the portrait's background, 0-1.

    `person` is the person probability warped into the portrait. Pixels within about
    `outline_px` / 2 of the outline are left out (hair edges are neither person nor
    background).
    """
    background = (person < 0.15).astype(np.uint8)
    background = cv2.erode(background, np.ones((outline_px, outline_px), np.uint8))
    count = cv2.countNonZero(background)
    if count < 0.02 * background.size:
        return float("nan"), float("nan"), float("nan")
    # Reductions under a mask instead of copying the background's pixels out as floats:
    # the same sums, in double precision.
    lab = cv2.cvtColor(portrait, cv2.COLOR_BGR2LAB)
    mean, std = cv2.meanStdDev(lab[..., 0], mask=background)
    a = lab[..., 1].astype(np.float32) - 128.0
    b = lab[..., 2].astype(np.float32) - 128.0
    chroma = cv2.mean(cv2.magnitude(a, b), mask=background)[0] / 128.0
    return float(std[0, 0]) / 255.0, float(mean[0, 0]) / 255.0, float(chroma)


# Measured on how the face and its surroundings look rather than where the face is: they
# change when the citizen takes off glasses or the light changes, not from one frame to
# the next, so the live pipeline may measure them on its second core, one frame behind
# (`appearance_checks`, then `assess(..., appearance=)`).
APPEARANCE: tuple[str, ...] = (
    "glasses",
    "no_head_covering",
    "luminance_mean",
    "exposure",
    "illumination_uniformity",
    "background_uniformity",
    "background_colour",
)


def assess(
    image: Frame,
    finding: FaceFinding,
    settings,
    *,
    person_probability: "np.ndarray | PersonMask | None" = None,
    appearance: Sequence[CheckResult] | None = None,
) -> PortraitAssessment:
    """Every portrait rule on one image. `settings`: a `PortraitSettings`.

    `person_probability` (from `PersonSegmenter`: the whole frame's, or a `PersonMask` of
    the part around the face) enables the background checks; without
    it they are reported as not measured and fail, since a portrait whose background
    was never looked at must not pass. `appearance`: the `APPEARANCE` checks already
    measured (on the previous frame, by the live pipeline); None measures them here.
    """
    s = settings
    checks: list[CheckResult] = []
    count = finding.face_count
    code = "no_face" if count == 0 else "one_person_only"
    checks.append(CheckResult("single_face_present", float(count), count == 1, "" if count == 1 else code,
                              minimum=1, maximum=1))
    face = finding.face
    if face is None:
        if count >= 1:
            # Something face-like was seen but the mesh could not follow it: too small, or
            # cut by the frame's edge. Say which, so the citizen knows what to do.
            checks.append(_unmeshed(finding))
        return PortraitAssessment(tuple(checks), None)
    geometry = PortraitGeometry.from_settings(s)
    w, h = finding.image_size
    checks.append(_within("head_size", face.face_height / h, low=s.head_size_min, high=s.head_size_max,
                          low_code="come_closer", high_code="move_back"))
    checks.append(_within("inter_eye_distance", face.inter_eye_distance, low=s.inter_eye_distance_min_px,
                          low_code="come_closer"))
    inside = crop_inside_fraction(face, geometry)
    checks.append(_within("crop", inside, low=s.crop_inside_min, low_code=_centring_code(face, w, h)))
    pose = face.pose
    checks.append(_within("head_pose_yaw", pose.yaw, low=-s.yaw_max_deg, high=s.yaw_max_deg,
                          low_code="look_straight", high_code="look_straight"))
    pitch = pose.pitch - PITCH_OFFSET_DEG
    checks.append(_within("head_pose_pitch", pitch, low=-s.pitch_max_deg, high=s.pitch_max_deg,
                          low_code="chin_up", high_code="chin_down"))
    checks.append(_within("head_pose_roll", pose.roll, low=-s.roll_max_deg, high=s.roll_max_deg,
                          low_code="straighten_head", high_code="straighten_head"))
    nf = NormalisedFace(*_normalised_face(image, face)[:2])
    checks.append(_within("eyes_open", min(face.eye_aspect_ratios), low=s.eyes_open_min, low_code="open_eyes"))
    checks.append(_within("mouth_closed", face.mouth_opening, high=s.mouth_open_max, high_code="close_mouth"))
    checks.extend(_appearance(image, face, nf, s, person_probability) if appearance is None else appearance)
    checks.append(_within("sharpness", face_sharpness(nf), low=s.sharpness_min, low_code="hold_still"))
    order = {name: i for i, name in enumerate(COMPONENTS)}
    checks.sort(key=lambda c: order.get(c.component, len(order)))
    return PortraitAssessment(tuple(checks), face)


def appearance_checks(image: Frame, face: FaceObservation, settings,
                      person_probability: "np.ndarray | PersonMask | None") -> tuple[CheckResult, ...]:
    """The `APPEARANCE` checks alone, for `assess(..., appearance=)` on a later frame."""
    return tuple(_appearance(image, face, NormalisedFace(*_normalised_face(image, face)[:2]), settings,
                             person_probability))


def _appearance(image: Frame, face: FaceObservation, nf: "NormalisedFace", s,
                person_probability: "np.ndarray | PersonMask | None") -> list[CheckResult]:
    checks: list[CheckResult] = []
    score = glasses_score(nf)
    checks.append(_within("glasses", score, high=None if s.glasses_allowed else s.glasses_score_max,
                          high_code="remove_glasses"))
    checks.append(_within("no_head_covering", head_covering_score(nf), high=s.head_covering_score_max,
                          high_code="remove_head_covering"))
    mean, clipped = face_luminance(nf)
    checks.append(_within("luminance_mean", mean, low=s.luminance_min, high=s.luminance_max,
                          low_code="more_light", high_code="less_light"))
    checks.append(_within("exposure", clipped, high=s.exposure_clipped_max, high_code="light_uneven"))
    checks.append(_within("illumination_uniformity", illumination_uniformity(nf),
                          low=s.illumination_uniformity_min, low_code="light_uneven"))
    if person_probability is not None:
        geometry = PortraitGeometry.from_settings(s)
        matrix = crop_matrix(face, geometry) * BACKGROUND_SCALE
        size = (round(geometry.width_px * BACKGROUND_SCALE), round(geometry.height_px * BACKGROUND_SCALE))
        portrait = cv2.warpAffine(image, matrix, size, borderValue=(255, 255, 255))
        if isinstance(person_probability, np.ndarray):
            person = cv2.warpAffine(person_probability, matrix, size, borderValue=0.0)
        else:   # a PersonMask over part of the frame (the live pipeline's)
            person = person_probability.warped(matrix, size)
        outline = 2 * round(OUTLINE_PX * BACKGROUND_SCALE / 2) + 1
        spread, light, chroma = background_measures(portrait, person, outline_px=outline)
    else:
        spread = light = chroma = float("nan")
    checks.append(_within("background_uniformity", spread, high=s.background_uniformity_max,
                          high_code="plain_background"))
    colour_ok = math.isfinite(light) and light >= s.background_lightness_min and chroma <= s.background_chroma_max
    checks.append(CheckResult("background_colour", float(light), colour_ok, "" if colour_ok else "plain_background",
                              minimum=s.background_lightness_min, maximum=None))
    return checks


def _unmeshed(finding: FaceFinding) -> CheckResult:
    w, h = finding.image_size
    if finding.detections:
        x, y, bw, bh = max(finding.detections, key=lambda b: b[2] * b[3])
        margin = 0.01
        if x <= margin * w or y <= margin * h or x + bw >= (1 - margin) * w or y + bh >= (1 - margin) * h:
            cx, cy = x + bw / 2, y + bh / 2
            return CheckResult("crop", 0.0, False, _direction_code(cx / w - 0.5, cy / h - 0.4), minimum=None)
        return CheckResult("head_size", bh / h, False, "come_closer")
    return CheckResult("head_size", 0.0, False, "come_closer")


def _centring_code(face: FaceObservation, width: int, height: int) -> str:
    """Which way to move so the portrait fits in the frame (directions as seen in the mirror)."""
    cx, cy = (float(v) for v in face.eye_midpoint)
    return _direction_code(cx / width - 0.5, cy / height - 0.4)


def _direction_code(dx: float, dy: float) -> str:
    if abs(dx) >= abs(dy):
        # a face on the (unmirrored) image's left stands off to the citizen's own right
        return "move_left" if dx < 0 else "move_right"
    return "move_down" if dy < 0 else "move_up"


def failure_codes(checks: Sequence[CheckResult]) -> list[str]:
    seen: list[str] = []
    for c in checks:
        if not c.passed and c.message_code and c.message_code not in seen:
            seen.append(c.message_code)
    return seen
