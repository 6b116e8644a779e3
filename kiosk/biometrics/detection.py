"""Faces and their landmarks, from the models that mediapipe 0.10.21 ships in its wheel.

Everything downstream (guidance, portrait rules, liveness, the crop) works on a
`FaceObservation`: the 478-point mesh in pixels plus the few measures derived from it.
The measures are plain geometry on the mesh, so they are cheap (microseconds) and the
whole analysis costs what mediapipe costs: a few milliseconds a frame.

Why mediapipe's legacy "solutions" API: it is the one whose models are inside the
wheel (the Tasks API wants a model file at run time, and no model may be downloaded).
Its graphs are not thread-safe: create one `FaceAnalyzer` per thread.

Landmark indices follow mediapipe's canonical mesh. "Right"/"left" below are the
*subject's*: the subject's right eye is on the left of an unmirrored image.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

import cv2
import numpy as np

from hardware.camera import Frame
from hardware.images import ImageLimit, ImageRefused, decode_bgr

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]     # x, y, w, h in pixels

# Eye-aspect-ratio points (REFERENCE.md): corner, two upper lid, corner, two lower lid.
RIGHT_EYE_EAR = (33, 160, 158, 133, 153, 144)
LEFT_EYE_EAR = (362, 385, 387, 263, 373, 380)
RIGHT_IRIS_CENTRE = 468
LEFT_IRIS_CENTRE = 473
MOUTH_CORNERS = (78, 308)        # inner corners
INNER_LIPS = (13, 14)            # upper and lower inner lip, centre
FACE_SIDES = (234, 454)          # widest points of the mesh, near the ears
HEAD_PER_MESH_WIDTH = 1.12       # head width / mesh width (checked on portraits: see head_width)
FOREHEAD_TOP, CHIN = 10, 152
NOSE_TIP = 1
NOSE_BRIDGE = (168, 6)           # between the eyes, and a little lower
RIGHT_BROW = (70, 63, 105, 66, 107)
LEFT_BROW = (336, 296, 334, 293, 300)
FOREHEAD_ARC = (251, 284, 332, 297, 338, 10, 109, 67, 103, 54, 21)   # image right to left
RIGHT_CHEEK = (50, 101, 118, 117, 123, 147, 187, 205, 36)
LEFT_CHEEK = (280, 330, 347, 346, 352, 376, 411, 425, 266)
FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
             152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109)


def _ear(points: np.ndarray) -> float:
    p1, p2, p3, p4, p5, p6 = points
    horizontal = float(np.linalg.norm(p1 - p4))
    if horizontal <= 1e-6:
        return 0.0
    return float((np.linalg.norm(p2 - p6) + np.linalg.norm(p3 - p5)) / (2.0 * horizontal))


@dataclass(frozen=True)
class HeadPose:
    """Degrees. yaw > 0: the subject turns to their left (nose moves to the image's right);
    pitch > 0: chin up; roll > 0: head tilted so that the subject's left eye is lower."""

    yaw: float
    pitch: float
    roll: float


@dataclass(frozen=True, eq=False)
class FaceObservation:
    """One face: its mesh in pixels of the analysed image (x, y, and z on x's scale)."""

    landmarks: np.ndarray = field(repr=False)   # (478, 3) float32
    image_size: tuple[int, int]                 # (width, height)

    def point(self, index: int) -> np.ndarray:
        return self.landmarks[index, :2]

    def points(self, indices: tuple[int, ...] | list[int]) -> np.ndarray:
        return self.landmarks[list(indices), :2]

    @cached_property
    def box(self) -> tuple[float, float, float, float]:
        """x, y, w, h of the mesh (forehead to chin, ear to ear)."""
        xy = self.landmarks[:468, :2]
        x0, y0 = xy.min(axis=0)
        x1, y1 = xy.max(axis=0)
        return float(x0), float(y0), float(x1 - x0), float(y1 - y0)

    @cached_property
    def right_eye_centre(self) -> np.ndarray:
        return self.point(RIGHT_IRIS_CENTRE)

    @cached_property
    def left_eye_centre(self) -> np.ndarray:
        return self.point(LEFT_IRIS_CENTRE)

    @cached_property
    def inter_eye_distance(self) -> float:
        return float(np.linalg.norm(self.left_eye_centre - self.right_eye_centre))

    @cached_property
    def eye_midpoint(self) -> np.ndarray:
        return (self.left_eye_centre + self.right_eye_centre) / 2.0

    @cached_property
    def face_width(self) -> float:
        """Width of the mesh between its widest points (in front of the ears)."""
        a, b = self.points(FACE_SIDES)
        return float(np.linalg.norm(a - b))

    @property
    def head_width(self) -> float:
        """Estimated head width (hair at the temples included, ears not): the mesh stops
        short of the head's sides, by about 12 % of its width on adult heads."""
        return HEAD_PER_MESH_WIDTH * self.face_width

    @cached_property
    def face_height(self) -> float:
        """Forehead (mesh top, about the hair line) to chin."""
        return float(np.linalg.norm(self.point(FOREHEAD_TOP) - self.point(CHIN)))

    @cached_property
    def eye_aspect_ratios(self) -> tuple[float, float]:
        """(right, left) eye aspect ratio: about 0.35-0.5 open, below 0.2 closed."""
        return _ear(self.points(RIGHT_EYE_EAR)), _ear(self.points(LEFT_EYE_EAR))

    @property
    def eye_aspect_ratio(self) -> float:
        r, l = self.eye_aspect_ratios
        return (r + l) / 2.0

    @cached_property
    def mouth_opening(self) -> float:
        """Gap between the inner lips over the mouth's width: 0 closed, ~0.1+ lips apart."""
        gap = float(np.linalg.norm(self.point(INNER_LIPS[0]) - self.point(INNER_LIPS[1])))
        width = float(np.linalg.norm(self.point(MOUTH_CORNERS[0]) - self.point(MOUTH_CORNERS[1])))
        return gap / width if width > 1e-6 else 0.0

    @cached_property
    def pose(self) -> HeadPose:
        """Head pose from the mesh's own depth: no 3-D model file is needed.

        mediapipe gives every landmark a depth on the same scale as x, so the ear-to-ear
        axis and the forehead-to-chin axis are 3-D vectors whose angles are yaw and pitch
        (roll comes from the eye line). Accurate to a few degrees near frontal, which is
        where the limits (±5-10°) sit.
        """
        lm = self.landmarks
        right, left = lm[FACE_SIDES[0]], lm[FACE_SIDES[1]]
        dx, dz = float(left[0] - right[0]), float(left[2] - right[2])
        yaw = math.degrees(math.atan2(dz, dx))
        top, chin = lm[FOREHEAD_TOP], lm[CHIN]
        dy, dz2 = float(chin[1] - top[1]), float(chin[2] - top[2])
        pitch = math.degrees(math.atan2(-dz2, dy))
        ex, ey = self.left_eye_centre - self.right_eye_centre
        roll = math.degrees(math.atan2(float(ey), float(ex)))
        return HeadPose(yaw=yaw, pitch=pitch, roll=roll)

    def polygon_mask(self, indices: tuple[int, ...], shape: tuple[int, int] | None = None) -> np.ndarray:
        """A uint8 mask (255 inside) of the polygon through these landmarks."""
        w, h = self.image_size
        mask = np.zeros(shape or (h, w), np.uint8)
        pts = np.round(self.points(indices)).astype(np.int32)
        cv2.fillPoly(mask, [pts], 255)
        return mask


@dataclass(frozen=True)
class FaceFinding:
    """What one image shows: its faces (largest first) and how many faces were seen at all."""

    faces: tuple[FaceObservation, ...]
    face_count: int
    image_size: tuple[int, int]
    detections: tuple[tuple[float, float, float, float], ...] = ()   # detector boxes (x, y, w, h), px

    @property
    def face(self) -> FaceObservation | None:
        return self.faces[0] if self.faces else None


class FaceAnalyzer:
    """mediapipe face mesh (with iris refinement) plus a face counter.

    `video=True` tracks the face between frames (cheaper, steadier): use it for a live
    stream and for a clip; `video=False` for unrelated still images. `count_small_faces`
    adds mediapipe's full-range detector, which also sees faces a few metres away (the
    mesh's own detector is short-range): a bystander must make "one face only" fail.

    Not thread-safe (mediapipe graphs are not); the owner thread is remembered and any
    other thread using the instance gets an error instead of a silent crash.
    """

    def __init__(self, *, video: bool = False, max_faces: int = 2, count_small_faces: bool = True,
                 min_confidence: float = 0.5) -> None:
        self._mesh = _face_mesh(video=video, max_faces=max_faces, min_confidence=min_confidence)
        self._counter = FaceCounter(min_confidence) if count_small_faces else None
        self._crop_mesh = None      # a face first found on a crop: a still, detected afresh
        self._follow_mesh = None    # the same face followed frame to frame: a video, tracked
        self._video = video
        self._follow: Box | None = None    # a small face's last box, followed on a crop (video only)
        self._owner = threading.get_ident()

    def close(self) -> None:
        self._mesh.close()
        for mesh in (self._crop_mesh, self._follow_mesh):
            if mesh is not None:
                mesh.close()
        if self._counter is not None:
            self._counter.close()

    def __enter__(self) -> "FaceAnalyzer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def analyse(self, frame: Frame, *, count_faces: bool = True, rgb: np.ndarray | None = None,
                count: Callable[[], list[Box]] | None = None) -> FaceFinding:
        """The faces of `frame` (BGR). `rgb`: the same frame already converted, when the
        caller shares one conversion between models. `count`: the full-range detector's
        boxes computed elsewhere (the live pipeline runs it on a second thread while the
        mesh runs here); asked only when faces are counted or the mesh found none."""
        if threading.get_ident() != self._owner:
            raise RuntimeError("a FaceAnalyzer must be used by the thread that created it")
        if frame.ndim == 2:
            frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
            rgb = None
        h, w = frame.shape[:2]
        if rgb is None:
            rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
        rgb.flags.writeable = False
        faces: list[FaceObservation] = []
        if self._follow is not None:
            # The face was too small for the mesh's own detector last time and was found
            # on a crop: look there first instead of failing on the whole frame again.
            followed = self._mesh_in_box(rgb, self._follow, follow=True)
            self._follow = followed.box if followed is not None else None
            if followed is not None:
                faces.append(followed)
        if not faces:
            result = self._mesh.process(rgb)
            for lm in result.multi_face_landmarks or []:
                arr = np.array([(p.x, p.y, p.z) for p in lm.landmark], dtype=np.float32)
                arr *= np.array([w, h, w], dtype=np.float32)
                faces.append(FaceObservation(arr, (w, h)))
            faces.sort(key=lambda f: f.box[2] * f.box[3], reverse=True)
        n = len(faces)
        boxes: list[Box] = []
        if count_faces or not faces:
            if count is not None:
                boxes = list(count())
            elif self._counter is not None:
                boxes = self._counter.boxes(rgb)
            n = max(n, len(boxes))
        if not faces and boxes:
            # The mesh's own detector is short-range (it sees a 128 px copy of the frame);
            # a face the full-range detector found further away gets a second chance
            # on a crop around it, mapped back to frame pixels.
            face = self._mesh_in_box(rgb, max(boxes, key=lambda b: b[2] * b[3]))
            if face is not None:
                faces.append(face)
                if self._video:
                    self._follow = face.box
        return FaceFinding(tuple(faces), n, (w, h), tuple(boxes))

    def _mesh_in_box(self, rgb: np.ndarray, box: tuple[float, float, float, float], *,
                     follow: bool = False) -> FaceObservation | None:
        """The mesh of the face in `box` (frame pixels), run on a crop around it.

        `follow`: the box is the same face's on the previous frame. The crop is then
        centred where the face just was, so it moves little inside the crop, and a
        tracking mesh (video mode) takes the face from its last landmarks instead of
        running the face detector on every frame: 4.5 instead of 6.7 ms a frame at
        1280 x 720 (the live pipeline's portrait step at kiosk distance, where faces are
        too small for the whole frame's short-range detector). If tracking loses the
        face, mediapipe detects it again on the crop."""
        h, w = rgb.shape[:2]
        x, y, bw, bh = box
        side = 2.2 * max(bw, bh)
        x0, y0 = int(round(x + bw / 2 - side / 2)), int(round(y + bh / 2 - side / 2))
        x1, y1 = int(round(x0 + side)), int(round(y0 + side))
        cx0, cy0, cx1, cy1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        if cx1 - cx0 < 16 or cy1 - cy0 < 16:
            return None
        crop = np.ascontiguousarray(rgb[cy0:cy1, cx0:cx1])
        if follow:
            if self._follow_mesh is None:
                self._follow_mesh = _face_mesh(video=True, max_faces=1)
            mesh = self._follow_mesh
        else:
            if self._crop_mesh is None:
                self._crop_mesh = _face_mesh(video=False, max_faces=1)
            mesh = self._crop_mesh
        result = mesh.process(crop)
        if not result.multi_face_landmarks:
            return None
        ch, cw = crop.shape[:2]
        lm = result.multi_face_landmarks[0].landmark
        arr = np.array([(cx0 + p.x * cw, cy0 + p.y * ch, p.z * cw) for p in lm], dtype=np.float32)
        return FaceObservation(arr, (w, h))


def _face_mesh(*, video: bool, max_faces: int, min_confidence: float = 0.5):
    """mediapipe's face mesh with iris landmarks: tracking from frame to frame for a video
    (`video=True`), detecting afresh on every image otherwise."""
    import mediapipe as mp  # heavy: imported only when a face is actually analysed

    return mp.solutions.face_mesh.FaceMesh(
        static_image_mode=not video, max_num_faces=max_faces, refine_landmarks=True,
        min_detection_confidence=min_confidence, min_tracking_confidence=0.5)


class FaceCounter:
    """mediapipe's full-range face detector: boxes of every face, near or a few metres away.

    The mesh only follows faces close to the camera; a bystander further back must still
    make "one face only" fail. One instance per thread, like `FaceAnalyzer`."""

    def __init__(self, min_confidence: float = 0.5) -> None:
        import mediapipe as mp

        self._detector = mp.solutions.face_detection.FaceDetection(model_selection=1,
                                                                   min_detection_confidence=min_confidence)
        self._owner = threading.get_ident()

    def close(self) -> None:
        self._detector.close()

    def boxes(self, rgb: np.ndarray) -> list[Box]:
        """Face boxes (x, y, w, h) in pixels of an RGB image."""
        if threading.get_ident() != self._owner:
            raise RuntimeError("a FaceCounter must be used by the thread that created it")
        h, w = rgb.shape[:2]
        out: list[Box] = []
        for det in self._detector.process(rgb).detections or []:
            rb = det.location_data.relative_bounding_box
            out.append((rb.xmin * w, rb.ymin * h, rb.width * w, rb.height * h))
        return out


def decode_image(data: bytes, limit: ImageLimit) -> Frame | None:
    """A BGR image from encoded bytes (JPEG, PNG...), or None when it cannot be decoded or
    its header states more than `limit` allows (the reason is logged; it holds no pixel)."""
    if not data:
        return None
    try:
        return decode_bgr(data, limit)
    except ImageRefused as exc:
        log.warning("image not decoded: %s", exc)
        return None
