"""Test media: the real images fetched from registry packages, and portraits made from them.

`compliant()` makes a compliant positive the way the issue asks: the person segmented
onto white with the light evened out (a linear lightness gradient across the face is
divided away), placed on a canvas whose bottom edge is the photo's own, so nothing is
invented below the shoulders. `degrade()` turns a compliant picture into a negative for
one rule at a time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[3]


def media_dir() -> Path:
    """The fetched media folder (fetched on first use: see tools/fetch_test_media.py)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from fetch_test_media import ensure_media
    finally:
        sys.path.pop(0)
    return ensure_media()


def load(name: str) -> np.ndarray:
    path = media_dir() / name if name != "astronaut.jpg" else ROOT / "resources" / "demo" / name
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    assert image is not None, f"cannot read {path}"
    return image


def even_light(image: np.ndarray, face_mask: np.ndarray, person: np.ndarray) -> np.ndarray:
    """Divide away a linear lightness gradient fitted over the face (person pixels only)."""
    lab = cv2.cvtColor(image, cv2.COLOR_BGR2LAB).astype(np.float32)
    ys, xs = np.nonzero(face_mask)
    light = lab[..., 0][ys, xs]
    design = np.stack([xs, ys, np.ones_like(xs)], axis=1).astype(np.float32)
    coef, *_ = np.linalg.lstsq(design, light, rcond=None)
    h, w = face_mask.shape
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    plane = coef[0] * gx + coef[1] * gy + coef[2]
    target = float(light.mean())
    gain = np.clip(target / np.maximum(plane, 1.0), 0.5, 2.0)
    gain = 1.0 + (gain - 1.0) * person  # only on the person
    lab[..., 0] = np.clip(lab[..., 0] * gain, 0, 255)
    return cv2.cvtColor(lab.astype(np.uint8), cv2.COLOR_LAB2BGR)


def compliant(image: np.ndarray, *, canvas: tuple[int, int] = (720, 900), face_height_share: float = 0.42,
              centre_x: float = 0.5, mirror: bool = False) -> np.ndarray:
    """The person on white with even light, scaled so the face is `face_height_share` of the canvas height."""
    from kiosk.biometrics.detection import FaceAnalyzer
    from kiosk.biometrics.segmentation import PersonSegmenter, composite_on

    if mirror:
        image = cv2.flip(image, 1)
    with FaceAnalyzer(count_small_faces=False) as analyzer:
        face = analyzer.analyse(image).face
    assert face is not None
    segmenter = PersonSegmenter()
    try:
        person = segmenter.person_probability(image)
    finally:
        segmenter.close()
    person = (person > 0.5).astype(np.float32)
    lit = even_light(image, face.polygon_mask(__import__("kiosk.biometrics.detection", fromlist=["FACE_OVAL"]).FACE_OVAL), person)
    on_white = composite_on(lit, person, feather_px=2)
    cw, ch = canvas
    scale = face_height_share * ch / face.face_height
    ex, _ = face.eye_midpoint
    tx = centre_x * cw - ex * scale
    ty = ch - image.shape[0] * scale  # the photo's bottom edge on the canvas's bottom edge
    matrix = np.float32([[scale, 0, tx], [0, scale, ty]])
    return cv2.warpAffine(on_white, matrix, (cw, ch), flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC,
                          borderValue=(255, 255, 255))


def degrade(image: np.ndarray, how: str) -> np.ndarray:
    """One-rule negatives made from a compliant picture."""
    h, w = image.shape[:2]
    if how == "blur":
        return cv2.GaussianBlur(image, (0, 0), 6)
    if how == "dark":
        return cv2.convertScaleAbs(image, alpha=0.18, beta=0)
    if how == "side_light":
        # a lamp on one side: bright on the left third, dark from the middle on
        x = np.arange(w, dtype=np.float32) / w
        ramp = np.clip(1.1 - 1.8 * (x - 0.3), 0.3, 1.1)[None, :, None]
        return np.clip(image.astype(np.float32) * ramp, 0, 255).astype(np.uint8)
    if how == "grey_textured_background":
        rng = np.random.default_rng(7)
        noise = rng.normal(0, 1, (h // 8 + 1, w // 8 + 1)).astype(np.float32)
        noise = cv2.resize(noise, (w, h), interpolation=cv2.INTER_CUBIC)[..., None]
        background = np.clip(120 + 45 * noise, 0, 255).repeat(3, axis=2).astype(np.uint8)
        white = (image.astype(np.int16).min(axis=2) > 245)[..., None]
        return np.where(white, background, image)
    if how == "small":
        small = cv2.resize(image, (w // 5, h // 5), interpolation=cv2.INTER_AREA)
        out = np.full_like(image, 255)
        out[h - small.shape[0]:, (w - small.shape[1]) // 2:(w - small.shape[1]) // 2 + small.shape[1]] = small
        return out
    if how == "tilted":
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 25, 1.0)
        return cv2.warpAffine(image, matrix, (w, h), borderValue=(255, 255, 255))
    if how in ("off_edge", "far_off_edge"):
        matrix = np.float32([[1, 0, w * (0.3 if how == "off_edge" else 0.45)], [0, 1, 0]])
        return cv2.warpAffine(image, matrix, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    raise ValueError(how)


# -- identities and chip-like references for the threshold tests --------------------------

CHIP_GEOMETRY = dict(width_px=102, height_px=126, dpi=350, head_width_px=59, eye_line_px=43)
CHIP_JPEG_QUALITY = 25
# Photos of one person each; person A has four independent photos (real genuine pairs).
PHOTOS = {"obama_1.jpg": "A", "obama_2.jpg": "A", "obama_3.jpg": "A", "obama_sidelit.jpg": "A",
          "biden.jpg": "B", "trump.jpg": "C", "grace_hopper.jpg": "D", "astronaut.jpg": "E"}
GROUP = "group_t1.jpg"


def jpeg(image: np.ndarray, quality: int = 90) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return buf.tobytes()


def chip_like(image: np.ndarray, face) -> bytes:
    """A reference like a second-generation card's chip photo: 102 x 126 px, JPEG q25."""
    from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_portrait

    return jpeg(crop_portrait(image, face, PortraitGeometry(**CHIP_GEOMETRY)), CHIP_JPEG_QUALITY)


def live_frame(image: np.ndarray, face, *, size: tuple[int, int] = (1280, 720), face_share: float = 0.4,
               mirror: bool = True, light: float = 1.0, angle: float = 0.0, seed: int = 0) -> np.ndarray:
    """The face as a kiosk camera frames it: `face_share` of the frame height, centred in
    the guide oval, optionally mirrored, re-lit, tilted, with sensor noise."""
    w, h = size
    x, y, fw, fh = face.box
    scale = face_share * h / max(fh, 1.0)
    cx, cy = x + fw / 2, y + fh / 2
    matrix = cv2.getRotationMatrix2D((float(cx), float(cy)), angle, scale)
    matrix[0, 2] += w / 2 - cx
    matrix[1, 2] += 0.45 * h - cy
    frame = cv2.warpAffine(image, matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if mirror:
        frame = cv2.flip(frame, 1)
    if light != 1.0:
        frame = cv2.convertScaleAbs(frame, alpha=light, beta=0)
    noise = np.random.default_rng(seed).normal(0, 2.5, frame.shape)
    return np.clip(frame + noise, 0, 255).astype(np.uint8)


def faces_in(image: np.ndarray):
    """The meshed face of a portrait photo."""
    from kiosk.biometrics.detection import FaceAnalyzer

    with FaceAnalyzer(count_small_faces=False) as analyzer:
        face = analyzer.analyse(image).face
    assert face is not None
    return face


def group_people(min_side: int = 400) -> list[tuple[np.ndarray, object]]:
    """Each person of the group photo, cut out and enlarged so the mesh can follow the face:
    impostors from the same photo (same light, same camera) as the hardest case.

    mediapipe's detectors see only some of the six small faces in the whole photo, so
    they look at overlapping tiles and the boxes of one face are merged (six people)."""
    import mediapipe as mp

    from kiosk.biometrics.detection import FaceAnalyzer

    group = load(GROUP)
    H, W = group.shape[:2]
    tile, step = 450, 225
    boxes: list[tuple[float, float, float]] = []    # centre x, centre y, side
    for model in (0, 1):
        with mp.solutions.face_detection.FaceDetection(model_selection=model, min_detection_confidence=0.8) as det:
            for y0 in range(0, max(1, H - step), step):
                for x0 in range(0, max(1, W - step), step):
                    part = np.ascontiguousarray(group[y0:y0 + tile, x0:x0 + tile])
                    ph, pw = part.shape[:2]
                    for d in det.process(cv2.cvtColor(part, cv2.COLOR_BGR2RGB)).detections or []:
                        rb = d.location_data.relative_bounding_box
                        boxes.append((x0 + (rb.xmin + rb.width / 2) * pw, y0 + (rb.ymin + rb.height / 2) * ph,
                                      max(rb.width * pw, rb.height * ph)))
    merged: list[list[tuple[float, float, float]]] = []
    for box in sorted(boxes):
        for cluster in merged:
            if abs(cluster[0][0] - box[0]) < 60 and abs(cluster[0][1] - box[1]) < 60:
                cluster.append(box)
                break
        else:
            merged.append([box])
    people = []
    with FaceAnalyzer(count_small_faces=False, max_faces=1) as analyzer:
        for cluster in merged:
            if len(cluster) < 3:   # a face is found in several tiles by both models; a stray box is not
                continue
            cx, cy, side = (float(np.median([b[i] for b in cluster])) for i in range(3))
            half = 1.3 * side
            x0, y0 = int(max(0, cx - half)), int(max(0, cy - half))
            crop = group[y0:int(cy + half), x0:int(cx + half)]
            crop = cv2.resize(crop, None, fx=min_side / crop.shape[1], fy=min_side / crop.shape[1],
                              interpolation=cv2.INTER_CUBIC)
            face = analyzer.analyse(crop).face
            if face is not None:
                people.append((crop, face))
    return people


def identities() -> dict[str, list[tuple[np.ndarray, object]]]:
    """Person -> their photos (each with its mesh): the single photos, then the group's people."""
    out: dict[str, list[tuple[np.ndarray, object]]] = {}
    for name, person in PHOTOS.items():
        image = load(name)
        out.setdefault(person, []).append((image, faces_in(image)))
    for i, person in enumerate(group_people()):
        out[f"group-{i}"] = [person]
    return out
