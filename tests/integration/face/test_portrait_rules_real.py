"""Portrait rules on real photos: each bad portrait fails for the right reason, compliant ones
pass and are cropped to the exact geometry."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from kiosk.biometrics.portrait_crop import jpeg_dpi
from kiosk.biometrics.portrait_maker import RulesPortraitMaker, check_image
from kiosk.config.model import PortraitSettings

pytestmark = pytest.mark.integration
SETTINGS = PortraitSettings()


def failed(image) -> set[str]:
    a = check_image(image, SETTINGS, crop=False).assessment
    assert not a.passed
    return {c.component for c in a.failures}


def test_glasses_and_cap_portrait_fails_for_glasses_and_head_covering(media):
    checks = check_image(media.load("grace_hopper.jpg"), SETTINGS, crop=False).assessment
    reasons = {c.component: c.message_code for c in checks.failures}
    assert reasons["glasses"] == "remove_glasses"
    assert reasons["no_head_covering"] == "remove_head_covering"
    # the face itself is fine: frontal, eyes open, mouth closed
    assert {"head_pose_yaw", "eyes_open", "mouth_closed"}.isdisjoint(reasons)


def test_side_lit_portrait_fails_illumination_uniformity(media):
    a = check_image(media.load("obama_sidelit.jpg"), SETTINGS, crop=False).assessment
    check = a.check("illumination_uniformity")
    assert not check.passed and check.message_code == "light_uneven"
    assert check.value < SETTINGS.illumination_uniformity_min


def test_small_face_fails_head_size(media):
    a = check_image(media.load("obama_3.jpg"), SETTINGS, crop=False).assessment
    assert a.check("head_size").message_code == "come_closer" and not a.check("head_size").passed


def test_group_photo_fails_single_face(media):
    a = check_image(media.load("group_t1.jpg"), SETTINGS, crop=False).assessment
    single = a.check("single_face_present")
    assert not single.passed and single.value >= 2 and single.message_code == "one_person_only"


def test_scene_without_a_face_fails_single_face(media):
    a = check_image(media.load("no_face_scene.jpg"), SETTINGS, crop=False).assessment
    assert [(c.component, c.value, c.message_code) for c in a.checks] == [("single_face_present", 0.0, "no_face")]


@pytest.mark.parametrize("name, component", [
    ("obama_1.jpg", "mouth_closed"), ("trump.jpg", "mouth_closed"), ("astronaut.jpg", "mouth_closed"),
    ("trump.jpg", "eyes_open"), ("biden.jpg", "head_pose_yaw"), ("obama_2.jpg", "head_pose_yaw"),
    ("obama_1.jpg", "background_uniformity"),
])
def test_real_portraits_fail_other_rules(media, name, component):
    assert component in failed(media.load(name))


@pytest.mark.parametrize("fixture", ["positive", "positive_wide"])
def test_compliant_portraits_pass_and_crop_to_the_exact_geometry(request, fixture):
    from kiosk.biometrics.detection import FaceAnalyzer

    image = request.getfixturevalue(fixture)
    checked = check_image(image, SETTINGS)
    assert checked.assessment.passed, [(c.component, c.value) for c in checked.assessment.failures]
    portrait = checked.portrait
    assert portrait.shape == (SETTINGS.height_px, SETTINGS.width_px, 3)
    with FaceAnalyzer(count_small_faces=False) as analyzer:
        face = analyzer.analyse(portrait).face
    # measured again on the output: head about 207 px wide (GA 461: 207 +- 14), eyes on the eye line
    assert abs(face.head_width - SETTINGS.head_width_px) <= 14
    assert abs(float(face.eye_midpoint[1]) - SETTINGS.eye_line_px) <= 8
    assert abs(float(face.eye_midpoint[0]) - SETTINGS.width_px / 2) <= 8
    corners = np.concatenate([portrait[:10, :10], portrait[:10, -10:]]).reshape(-1, 3)
    assert corners.min() >= 235   # white background


@pytest.mark.parametrize("how, component", [
    ("blur", "sharpness"), ("dark", "luminance_mean"), ("side_light", "illumination_uniformity"),
    ("grey_textured_background", "background_uniformity"), ("grey_textured_background", "background_colour"),
    ("small", "head_size"), ("tilted", "head_pose_roll"), ("off_edge", "crop"), ("far_off_edge", "crop"),
])
def test_degraded_positives_fail_the_rule_they_break(media, positive, how, component):
    assert check_image(positive, SETTINGS, crop=False).assessment.passed
    assert component in failed(media.degrade(positive, how))


def test_maker_keeps_only_compliant_frames_best_first(media, positive, positive_wide):
    maker = RulesPortraitMaker(SETTINGS)
    frames = [media.degrade(positive, "blur"), positive, media.load("grace_hopper.jpg"), positive_wide]
    candidates = maker.make(frames, keep=3)
    assert len(candidates) == 2
    assert candidates[0].score >= candidates[1].score
    for c in candidates:
        image = cv2.imdecode(np.frombuffer(c.jpeg, np.uint8), cv2.IMREAD_COLOR)
        assert image.shape == (441, 358, 3)
        assert jpeg_dpi(c.jpeg) == (350, 350)
        assert all(check.passed for check in c.checks)


def test_icao_geometry_is_a_configuration_away(positive):
    icao = PortraitSettings(width_px=827, height_px=1063, dpi=600, head_width_px=550, eye_line_px=495)
    checked = check_image(positive, icao)
    assert checked.portrait.shape == (1063, 827, 3)


class _CountingCv2:
    """cv2 as the rules see it, adding up the pixels each colour conversion reads and
    each warp writes: the work that grew with the frame and the face before."""

    def __init__(self) -> None:
        self.converted = 0
        self.warped = 0
        self.largest = 0

    def cvtColor(self, src, code, *args, **kwargs):  # noqa: N802 - cv2's name
        self.converted += src.shape[0] * src.shape[1]
        self.largest = max(self.largest, src.shape[0] * src.shape[1])
        return cv2.cvtColor(src, code, *args, **kwargs)

    def warpAffine(self, src, matrix, size, *args, **kwargs):  # noqa: N802 - cv2's name
        self.warped += size[0] * size[1]
        self.largest = max(self.largest, size[0] * size[1])
        return cv2.warpAffine(src, matrix, size, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(cv2, name)


@pytest.mark.parametrize("fixture", ["positive", "positive_wide"])
def test_rules_convert_and_warp_less_than_one_vga_frame_whatever_the_camera(request, monkeypatch, fixture):
    """All the rules of one frame read fewer pixels through colour conversions and write
    fewer through warps than one 640x480 frame holds, at any camera size: they work on
    the face's box in the normalised face and a half-size copy of the crop, never on
    the frame (before: 500 000 pixels converted, 272 000 warped; now about 275 000 and
    153 000)."""
    from kiosk.biometrics import portrait_rules
    from kiosk.biometrics.detection import FaceAnalyzer
    from kiosk.biometrics.live_analyzer import LiveAnalyzer
    from kiosk.biometrics.segmentation import PersonSegmenter
    from kiosk.config.model import BiometricsSettings

    image = request.getfixturevalue(fixture)
    with FaceAnalyzer(count_small_faces=False) as analyzer:
        finding = analyzer.analyse(image)
    segmenter = PersonSegmenter()
    try:
        live = LiveAnalyzer.__new__(LiveAnalyzer)
        live.settings = BiometricsSettings(portrait=SETTINGS)
        region = live._person_region(finding.face)
        mask = segmenter.person_in_region(cv2.cvtColor(image, cv2.COLOR_BGR2RGB), region)
    finally:
        segmenter.close()
    counting = _CountingCv2()
    monkeypatch.setattr(portrait_rules, "cv2", counting)
    assessment = portrait_rules.assess(image, finding, SETTINGS, person_probability=mask)
    assert assessment.passed, [(c.component, c.value) for c in assessment.failures]
    vga = 640 * 480
    assert counting.converted < vga and counting.warped < vga
    assert counting.largest < image.shape[0] * image.shape[1] / 2


@pytest.mark.parametrize("source", ["positive", "grace_hopper.jpg"])
def test_appearance_measured_apart_is_the_same_as_measured_together(request, media, source):
    """The live pipeline measures the appearance checks on its second core and hands them
    to the next frame's `assess`: on one frame, both ways give the same checks."""
    from kiosk.biometrics.detection import FaceAnalyzer
    from kiosk.biometrics.portrait_rules import APPEARANCE, appearance_checks, assess
    from kiosk.biometrics.segmentation import PersonSegmenter

    image = request.getfixturevalue(source) if source == "positive" else media.load(source)
    ps = PortraitSettings()
    with FaceAnalyzer() as analyzer:
        finding = analyzer.analyse(image)
    segmenter = PersonSegmenter()
    try:
        person = segmenter.person_probability(image)
    finally:
        segmenter.close()
    together = assess(image, finding, ps, person_probability=person)
    apart = appearance_checks(image, finding.face, ps, person)
    assert {c.component for c in apart} == set(APPEARANCE)
    assert assess(image, finding, ps, person_probability=None, appearance=apart).checks == together.checks
