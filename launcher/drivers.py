"""Configuration name -> class, for every device and face component.

The one place that turns a name the configuration holds (`devices.camera.driver`,
`devices.card_reader.driver`, `devices.printer.driver`, `devices.speaker.driver`,
`biometrics.face_verifier`,
`biometrics.portrait_maker`) into the class that does the work, and reads that class's
settings; for the face components also into what follows from the choice (whether a
live analyzer runs, the preview's own face box where none does), so neither the screens
nor the workflow ever compare a configuration name. The core only ever sees the
interfaces (`hardware.camera.Camera`, `hardware.card_reader.CardReader`,
`hardware.printer.Printer`, `kiosk.biometrics.interfaces`), so a new driver is one branch
here and a module of its own. Each driver module is imported only when named: a kiosk
with a PC/SC reader never loads nfcpy, and `kiosk card read` never loads the face stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hardware.camera import Camera, Frame
from hardware.card_reader import CardReader
from hardware.printer import Printer
from hardware.speaker import Speaker
from kiosk.biometrics.interfaces import FaceVerifier, PortraitMaker

DEMO_CARD_HAND_BACK_S = 2.0


class DriverNotAvailable(RuntimeError):
    """A configured driver is not part of this build."""


def camera(cfg) -> Camera:  # type: ignore[no-untyped-def]  # cfg: kiosk.config.KioskConfig
    cam = cfg.devices.camera
    if cam.driver == "simulated":
        from hardware.camera.simulated import SimulatedCamera

        return SimulatedCamera(media=cam.media, fps=min(cam.fps, 15), size=(cam.width, cam.height))
    if cam.driver == "opencv":
        from hardware.camera.opencv import OpenCVCamera

        return OpenCVCamera(cam.source, width=cam.width, height=cam.height, fps=cam.fps,
                            exposure=cam.exposure, reconnect_seconds=cam.reconnect_seconds)
    raise DriverNotAvailable(f"camera driver {cam.driver!r} is not available in this build")


def card_reader(cfg, today: dt.date) -> CardReader:  # type: ignore[no-untyped-def]
    """The configured reader; the simulated one holds the demo's specimen card of `today`."""
    rd = cfg.devices.card_reader
    if rd.driver == "simulated":
        from hardware.card_reader.simulated import SimulatedCardReader, SimulatedChip
        from kiosk.demo.specimen import make_specimen_files

        # The demo's pretend citizen places the card when asked and takes it back
        # shortly after the read, as the kiosk's "take your card" rule expects.
        reader = SimulatedCardReader(hand_back_after_s=DEMO_CARD_HAND_BACK_S)
        reader.hand(SimulatedChip(make_specimen_files(today, cfg.document.country)))
        return reader
    return chip_reader(rd.driver, reader_pattern=rd.reader_pattern, nfc_path=rd.nfc_path)


def chip_reader(driver: str, *, reader_pattern: str = "", nfc_path: str = "") -> CardReader:
    """A real reader by driver name (the kiosk's, and `kiosk card read --reader/--nfc`)."""
    if driver == "pcsc":
        from hardware.card_reader.pcsc import PcscCardReader

        return PcscCardReader(reader_pattern)
    if driver == "nfc":
        from hardware.card_reader.nfc import NfcCardReader

        return NfcCardReader(nfc_path)
    raise DriverNotAvailable(f"card reader driver {driver!r} is not available in this build")


def printer(cfg) -> Printer:  # type: ignore[no-untyped-def]
    """The receipt printer of `[devices.printer]` (the kiosk's, and `kiosk receipt reprint`)."""
    pr = cfg.devices.printer
    if pr.driver == "simulated":
        from hardware.printer.simulated import SimulatedPrinter

        return SimulatedPrinter(cfg.printer_output_dir)
    if pr.driver == "folder":
        from hardware.printer.folder import FolderPrinter

        return FolderPrinter(cfg.printer_output_dir)
    if pr.driver in ("escpos-network", "escpos-device"):
        from escpos.capabilities import get_profile

        from hardware.printer.escpos import EscposPrinter
        from kiosk.receipts.thermal import profile_width_dots

        try:
            get_profile(pr.escpos_profile)
        except KeyError:
            raise ValueError(
                f"devices.printer.escpos_profile {pr.escpos_profile!r} is not a python-escpos printer profile"
            ) from None
        common = dict(
            timeout=pr.timeout_seconds,
            job_timeout=pr.job_timeout_seconds,
            width_dots=profile_width_dots(pr.escpos_profile),
            escpos_profile=pr.escpos_profile,
            qr_native=pr.escpos_qr == "native",
        )
        if pr.driver == "escpos-network":
            return EscposPrinter.network(pr.host, pr.port, **common)  # type: ignore[arg-type]
        return EscposPrinter.device(pr.device, pr.baudrate, **common)  # type: ignore[arg-type]
    if pr.driver == "cups":
        from hardware.printer.cups import CupsPrinter

        return CupsPrinter(
            pr.queue, server=pr.cups_server, timeout=pr.timeout_seconds, job_timeout=pr.job_timeout_seconds
        )
    raise ValueError(f"unknown printer driver {pr.driver!r}")


def speaker(cfg) -> Speaker:  # type: ignore[no-untyped-def]
    """The voice guidance's speaker of `[devices.speaker]`."""
    sp = cfg.devices.speaker
    if sp.driver == "simulated":
        from hardware.speaker.simulated import SimulatedSpeaker

        return SimulatedSpeaker()
    if sp.driver == "aplay":
        from hardware.speaker.aplay import AplaySpeaker

        return AplaySpeaker(sp.device)
    raise ValueError(f"unknown speaker driver {sp.driver!r}")


MATCHERS = ("sface", "dlib")


def face_matcher(name: str):  # type: ignore[no-untyped-def]
    """A `FaceMatcher` by its configuration name ("sface" or "dlib")."""
    if name == "sface":
        from kiosk.biometrics.matcher_sface import SFaceMatcher

        return SFaceMatcher()
    if name == "dlib":
        from kiosk.biometrics.matcher_dlib import DlibMatcher

        return DlibMatcher()
    raise DriverNotAvailable(f"face matcher {name!r} is not available in this build")


def face_verifier(cfg) -> FaceVerifier:  # type: ignore[no-untyped-def]
    """The verifier named by `biometrics.face_verifier`, with that matcher's own threshold.

    A real matcher runs on one long-lived worker thread (`MatcherWorker`): its models
    and its mediapipe graph stay warm there for the kiosk's whole life, instead of being
    rebuilt by whichever pool thread runs the face-check job."""
    bio = cfg.biometrics
    if bio.face_verifier == "demo-standin":
        from kiosk.demo.face import DemoStandInFaceVerifier

        return DemoStandInFaceVerifier(cfg.kiosk.mode)
    if bio.face_verifier in MATCHERS:
        from kiosk.biometrics.matching import MatchingFaceVerifier

        return MatchingFaceVerifier(face_matcher(bio.face_verifier), bio.match_threshold_in_use,
                                    frames_used=bio.match_frames, worker=True)
    raise DriverNotAvailable(f"face verifier {bio.face_verifier!r} is not available in this build")


def portrait_maker(cfg) -> PortraitMaker:  # type: ignore[no-untyped-def]
    """The portrait maker named by `biometrics.portrait_maker`."""
    bio = cfg.biometrics
    if bio.portrait_maker == "demo-standin":
        from kiosk.demo.face import DemoStandInPortraitMaker

        return DemoStandInPortraitMaker(cfg.kiosk.mode)
    if bio.portrait_maker == "rules":
        from kiosk.biometrics.portrait_maker import RulesPortraitMaker

        return RulesPortraitMaker(bio.portrait)
    raise DriverNotAvailable(f"portrait maker {bio.portrait_maker!r} is not available in this build")


def _face_stand_ins_only(cfg) -> bool:  # type: ignore[no-untyped-def]
    """Both face components are demo stand-ins, which need no live analysis."""
    bio = cfg.biometrics
    return bio.face_verifier == "demo-standin" and bio.portrait_maker == "demo-standin"


def live_analyzer_factory(cfg) -> Callable[[Camera, str], object] | None:  # type: ignore[no-untyped-def]
    """Builds a `LiveAnalyzer` on a camera for a mode ("guide", "liveness", "portrait")
    with the configured limits (not started); None when both face components are demo
    stand-ins, which need no analysis (the face steps then take a plain burst of frames)."""
    if _face_stand_ins_only(cfg):
        return None

    def analyzer(camera: Camera, mode: str = "guide") -> object:
        from kiosk.biometrics.live_analyzer import LiveAnalyzer   # mediapipe loads on first use

        return LiveAnalyzer(camera, cfg.biometrics, mode=mode)  # type: ignore[arg-type]

    return analyzer


def preview_face_finder(cfg) -> Callable[[Frame], tuple[int, int, int, int] | None] | None:  # type: ignore[no-untyped-def]
    """A rough face box for the camera preview to draw where no live analyzer draws one:
    the demo stand-ins' Haar box when they replace the whole face stack, else None (the
    live analysis draws the box)."""
    if not _face_stand_ins_only(cfg):
        return None
    from kiosk.demo.haar_face import largest_face

    return largest_face
