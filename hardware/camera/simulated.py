"""A camera that plays a still image, a video file or a folder of images, for demo mode.

The point is not realism for its own sake: the face pipeline, the preview widget and
the 'latest frame, never a backlog' contract all need a moving source to be tested
honestly. A still portrait therefore gets a slow sway, a slight brightness flicker and
sensor noise, so consecutive frames differ the way a real webcam's do.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from abc import ABC, abstractmethod
from pathlib import Path

import cv2
import numpy as np

from hardware.camera import Camera, Frame
from hardware.errors import CameraUnavailable
from hardware.camera.frame_slot import LatestFrame
from hardware.images import PICTURE, ImageRefused, check_size, decode_bgr
from hardware.camera.demo_media import DEFAULT_PORTRAIT, demo_resource

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})


def fit_to_frame(image: np.ndarray, size: tuple[int, int], fill: tuple[int, int, int] | None = None) -> np.ndarray:
    """Scale `image` to fit inside `size` (w, h), centred, the rest filled.

    The fill defaults to the mean colour of the image's border, so a portrait shot on a
    plain backdrop looks like a wider shot of the same backdrop rather than a letterbox.
    """
    width, height = size
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    elif image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    h, w = image.shape[:2]
    scale = min(width / w, height / h)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    scaled = cv2.resize(image, (new_w, new_h), interpolation=interpolation)
    if fill is None:
        border = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])
        fill = tuple(int(c) for c in border.mean(axis=0))
    canvas = np.empty((height, width, 3), np.uint8)
    canvas[:] = fill
    x, y = (width - new_w) // 2, (height - new_h) // 2
    canvas[y : y + new_h, x : x + new_w] = scaled
    return canvas


class _Source(ABC):
    @abstractmethod
    def frame_at(self, t: float) -> Frame:
        """The frame for `t` seconds after opening, already of the camera's size."""

    def release(self) -> None:
        pass


class _StillSource(_Source):
    """One picture with natural motion added; the motion is periodic, smooth and small."""

    SWAY_PX = 4.0
    NOISE_SIGMA = 2.0
    NOISE_BANK = 6

    def __init__(self, image: np.ndarray, size: tuple[int, int], rng: random.Random) -> None:
        self._base = fit_to_frame(image, size)
        self._size = size
        self._rng = rng
        nprng = np.random.default_rng(rng.getrandbits(32))
        # Precomputed noise (as saturating add/subtract pairs): drawing 2.7 M normals a
        # frame would cost more than everything else put together. One field, drawn in
        # float32 and rolled by a random offset for each of the bank's entries: drawing
        # a field per entry made every camera open take 0.3 s at 1280x720 (0.8 s at
        # 1080p), and the demo and the tests open the camera at every camera step.
        field = nprng.standard_normal(self._base.shape, dtype=np.float32)
        field *= self.NOISE_SIGMA
        # Truncated to whole levels as before (|noise| < 255 at this sigma): rounding
        # would add half a level of noise, enough to make a blurred face look sharp.
        plus = np.maximum(field, 0).astype(np.uint8)
        minus = np.maximum(-field, 0).astype(np.uint8)
        h, w = self._base.shape[:2]
        self._noise: list[tuple[np.ndarray, np.ndarray]] = []
        for i in range(self.NOISE_BANK):
            shift = (int(nprng.integers(h)), int(nprng.integers(w))) if i else (0, 0)
            self._noise.append((np.roll(plus, shift, axis=(0, 1)), np.roll(minus, shift, axis=(0, 1))))

    def frame_at(self, t: float) -> Frame:
        w, h = self._size
        tau = 2 * math.pi * t
        dx = self.SWAY_PX * math.sin(tau / 5.3) + 1.5 * math.sin(tau / 2.1 + 1.0)
        dy = 0.6 * self.SWAY_PX * math.sin(tau / 4.1 + 0.5)
        angle = 0.35 * math.sin(tau / 6.7)
        scale = 1.0 + 0.004 * math.sin(tau / 3.7)
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
        matrix[0, 2] += dx
        matrix[1, 2] += dy
        frame = cv2.warpAffine(self._base, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        gain = 1.0 + 0.015 * math.sin(tau / 1.9) + self._rng.uniform(-0.006, 0.006)
        frame = cv2.convertScaleAbs(frame, alpha=gain, beta=0.0)
        plus, minus = self._noise[self._rng.randrange(len(self._noise))]
        cv2.add(frame, plus, dst=frame)
        cv2.subtract(frame, minus, dst=frame)
        return frame


class _VideoSource(_Source):
    """A video file, looped; played at the camera's rate, not the file's."""

    def __init__(self, path: Path, size: tuple[int, int]) -> None:
        self._path = path
        self._size = size
        self._capture = cv2.VideoCapture(str(path))
        if self._capture.isOpened():
            # The container states the frame size: check it before a frame is decoded.
            width = int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH))
            height = int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
            try:
                check_size(width, height, PICTURE)
            except ImageRefused as exc:
                self._capture.release()
                raise CameraUnavailable(f"cannot play video {path.name}: {exc}") from None
        ok, first = self._capture.read() if self._capture.isOpened() else (False, None)
        if not ok:
            self._capture.release()
            raise CameraUnavailable(f"cannot play video {path.name}")
        self._first = fit_to_frame(first, size)
        self._served_first = False

    def frame_at(self, t: float) -> Frame:
        if not self._served_first:
            self._served_first = True
            return self._first
        ok, frame = self._capture.read()
        if not ok:  # end of file: loop
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
            if not ok:
                raise CameraUnavailable(f"video {self._path.name} stopped playing")
        return fit_to_frame(frame, self._size)

    def release(self) -> None:
        self._capture.release()


class _SequenceSource(_Source):
    """A folder of images shown one per frame in name order, looped (e.g. a blink clip)."""

    def __init__(self, folder: Path, size: tuple[int, int]) -> None:
        self._size = size
        self._paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not self._paths:
            raise CameraUnavailable(f"no images in {folder.name}")
        self._next = 0

    def frame_at(self, t: float) -> Frame:
        # Read lazily so a long sequence does not sit in memory; skip unreadable files.
        for _ in range(len(self._paths)):
            path = self._paths[self._next]
            self._next = (self._next + 1) % len(self._paths)
            try:
                return fit_to_frame(decode_bgr(path, PICTURE), self._size)
            except (ImageRefused, OSError) as exc:
                log.warning("demo media %s skipped: %s", path.name, exc)
        raise CameraUnavailable("none of the images in the folder can be read")


def _open_source(media: Path, size: tuple[int, int], rng: random.Random) -> _Source:
    if media.is_dir():
        return _SequenceSource(media, size)
    if not media.is_file():
        raise CameraUnavailable(f"demo media {media.name} not found")
    if media.suffix.lower() in IMAGE_SUFFIXES:
        try:
            image = decode_bgr(media, PICTURE)
        except (ImageRefused, OSError) as exc:
            raise CameraUnavailable(f"cannot use image {media.name}: {exc}") from None
        return _StillSource(image, size, rng)
    return _VideoSource(media, size)


class SimulatedCamera(Camera):
    """Frames from a demo medium, produced by a background thread at `fps`.

    `media`: an image, a video file, or a folder of images; default the specimen
    portrait of the demo folder (see `hardware.camera.demo_media`). `read()` returns a
    copy of the newest frame. Test hooks: `vanish()` / `restore()` (as if the camera were
    unplugged and plugged back), `show()` (a picture held up to the camera: a card's QR
    code, a photo receipt, a phone), `frames_produced`, `read_indexed()`.
    """

    name = "simulated camera"

    def __init__(
        self,
        media: Path | None = None,
        fps: float = 15,
        size: tuple[int, int] = (1280, 720),
        seed: int | None = None,
    ) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.media = Path(media) if media is not None else demo_resource(DEFAULT_PORTRAIT)
        self.fps = float(fps)
        self.size = (int(size[0]), int(size[1]))
        self._rng = random.Random(seed)
        self._cond = threading.Condition()
        self._frame = LatestFrame(self._cond)
        self._vanished = False
        self._failure: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._source: _Source | None = None
        self._held: np.ndarray | None = None

    # -- Camera interface -------------------------------------------------------------

    def open(self) -> None:
        with self._cond:
            if self._thread is not None:
                return
            self._source = _open_source(self.media, self.size, self._rng)
            self._stop.clear()
            self._frame.clear()
            self._failure = None
            self._thread = threading.Thread(target=self._run, name="simulated-camera", daemon=True)
            self._thread.start()

    def close(self) -> None:
        with self._cond:
            thread, self._thread = self._thread, None
            self._stop.set()
            self._cond.notify_all()
        if thread is not None:
            thread.join()
        with self._cond:
            if self._source is not None and self._thread is None:
                self._source.release()
                self._source = None
            self._frame.clear()

    def read(self, timeout: float = 1.0) -> Frame:
        return self.read_indexed(timeout)[1]

    def read_newer(self, after: int, timeout: float = 1.0) -> tuple[int, Frame]:
        return self._frame.wait(timeout, self._unavailable_reason, lambda: f"no frame within {timeout:g} s", newer_than=after)

    # -- test and diagnostic hooks --------------------------------------------------

    def read_indexed(self, timeout: float = 1.0) -> tuple[int, Frame]:
        """The newest frame and its sequence number (1 for the first frame produced)."""
        return self._frame.wait(timeout, self._unavailable_reason, lambda: f"no frame within {timeout:g} s")

    @property
    def frames_produced(self) -> int:
        with self._cond:
            return self._frame.index

    @property
    def running(self) -> bool:
        with self._cond:
            return self._thread is not None and self._thread.is_alive()

    def probe(self) -> bool | None:
        """Gone while vanished, or when its media is missing; never starts playing."""
        with self._cond:
            if self._vanished:
                raise CameraUnavailable("camera disconnected")
            if self._thread is not None and self._failure is not None:
                raise CameraUnavailable(self._failure)
        if not self.media.exists():
            raise CameraUnavailable(f"demo media {self.media.name} not found")
        return True

    def vanish(self) -> None:
        """Behave as if unplugged: read() raises CameraUnavailable until restore()."""
        with self._cond:
            self._vanished = True
            self._frame.clear()

    def restore(self) -> None:
        with self._cond:
            self._vanished = False

    def show(self, picture: "np.ndarray | Path | None") -> None:
        """Hold `picture` (BGR pixels, or a picture file) up to the camera: from the next
        frame on the camera sees it, fitted into its frame, instead of its medium, until
        `show(None)`. A file is decoded with its size checked first, as the media are."""
        held = None
        if picture is not None:
            image = decode_bgr(Path(picture), PICTURE) if isinstance(picture, (str, Path)) else picture
            held = fit_to_frame(image, self.size)
        with self._cond:
            self._held = held

    # -- internals --------------------------------------------------------------------

    def _unavailable_reason(self) -> str | None:
        if self._thread is None:
            return "camera is not open"
        if self._vanished:
            return "camera disconnected"
        if self._failure is not None:
            return self._failure
        return None

    def _run(self) -> None:
        period = 1.0 / self.fps
        start = time.monotonic()
        deadline = start
        source = self._source
        assert source is not None
        while not self._stop.is_set():
            try:
                frame = source.frame_at(time.monotonic() - start)
            except Exception as exc:  # noqa: BLE001 - any decoder failure means 'camera gone'
                log.warning("simulated camera source failed: %s", type(exc).__name__)
                with self._cond:
                    self._failure = "camera stopped delivering frames"
                    self._frame.clear()
                return
            with self._cond:
                if self._held is not None:
                    frame = self._held.copy()
                if not self._vanished:
                    self._frame.put(frame)
            deadline += period
            now = time.monotonic()
            if deadline < now:  # fell behind (slow machine): drop frames, never queue them
                deadline = now
            self._stop.wait(deadline - now)
