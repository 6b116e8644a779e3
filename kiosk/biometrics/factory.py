"""Builds the configured face components (the composition root calls these)."""

from __future__ import annotations

from kiosk.biometrics.interfaces import FaceVerifier, PortraitMaker


def build_face_verifier(cfg) -> FaceVerifier:
    """The verifier named by `biometrics.face_verifier` ("dlib" here; "demo-standin" elsewhere)."""
    bio = cfg.biometrics
    if bio.face_verifier == "dlib":
        from kiosk.biometrics.matcher_dlib import DlibMatcher
        from kiosk.biometrics.matching import MatchingFaceVerifier

        return MatchingFaceVerifier(DlibMatcher(), bio.match_threshold, frames_used=bio.match_frames)
    raise ValueError(f"face verifier {bio.face_verifier!r} is not built here")


def build_portrait_maker(cfg) -> PortraitMaker:
    bio = cfg.biometrics
    if bio.portrait_maker == "rules":
        from kiosk.biometrics.portrait_maker import RulesPortraitMaker

        return RulesPortraitMaker(bio.portrait)
    raise ValueError(f"portrait maker {bio.portrait_maker!r} is not built here")


def build_live_analyzer(cfg, camera, mode: str = "guide"):
    """A `LiveAnalyzer` on `camera` with the configured limits (not started)."""
    from kiosk.biometrics.live_analyzer import LiveAnalyzer

    return LiveAnalyzer(camera, cfg.biometrics, mode=mode)  # type: ignore[arg-type]
