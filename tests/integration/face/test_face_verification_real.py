"""1:1 verification on real photos: same person matches, different people do not."""

from __future__ import annotations

import itertools
import math

import cv2
import pytest

from kiosk.biometrics.matcher_dlib import DlibMatcher
from kiosk.biometrics.matching import MatchingFaceVerifier
from kiosk.config.model import BiometricsSettings

pytestmark = pytest.mark.integration

PERSON = {"obama_1.jpg": "A", "obama_2.jpg": "A", "obama_3.jpg": "A", "obama_sidelit.jpg": "A",
          "biden.jpg": "B", "trump.jpg": "C", "grace_hopper.jpg": "D", "astronaut.jpg": "E"}
THRESHOLD = BiometricsSettings().dlib_threshold


@pytest.fixture(scope="module")
def matcher():
    return DlibMatcher()


@pytest.fixture(scope="module")
def templates(media, matcher):
    out = {}
    for name in PERSON:
        template = matcher.template(media.load(name))
        assert template is not None, name
        out[name] = template
    return out


def _jpeg(image, quality=90) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return buf.tobytes()


def chip_portrait(media, name: str) -> bytes:
    """A chip-sized reference (102 x 126 px, heavy JPEG), like a second-generation card's photo."""
    from kiosk.biometrics.detection import FaceAnalyzer
    from kiosk.biometrics.portrait_crop import PortraitGeometry, crop_portrait

    image = media.load(name)
    with FaceAnalyzer(count_small_faces=False) as analyzer:
        face = analyzer.analyse(image).face
    geometry = PortraitGeometry(width_px=102, height_px=126, dpi=350, head_width_px=59, eye_line_px=43)
    return _jpeg(crop_portrait(image, face, geometry), quality=40)


def test_same_person_pairs_match_and_different_people_do_not(templates, matcher):
    same, different = [], []
    for a, b in itertools.combinations(templates, 2):
        d = matcher.distance(templates[a], templates[b])
        (same if PERSON[a] == PERSON[b] else different).append((d, a, b))
    print("\nsame-person distances:", sorted(round(d, 3) for d, *_ in same))
    print("different-person distances:", sorted(round(d, 3) for d, *_ in different))
    assert len(same) == 6 and len(different) == 22
    assert [p for p in same if p[0] > THRESHOLD] == []
    assert [p for p in different if p[0] <= THRESHOLD] == []


def test_verifier_decides_against_a_chip_sized_reference_and_records_the_distance(media):
    verifier = MatchingFaceVerifier(DlibMatcher(), THRESHOLD, frames_used=3)
    reference = chip_portrait(media, "obama_1.jpg")
    live = [media.load("obama_2.jpg"), media.load("obama_sidelit.jpg"), media.load("obama_3.jpg")]
    decision = verifier.verify(reference, live)
    assert decision.match and decision.problem == ""
    assert 0 < decision.distance <= THRESHOLD
    assert decision.as_record()["distance"] == round(decision.distance, 4)
    impostor = verifier.verify(reference, [media.load("biden.jpg"), media.load("trump.jpg")])
    assert not impostor.match and impostor.problem == "face_no_match"
    assert impostor.distance > THRESHOLD and impostor.method == "dlib-resnet-5pt"


def test_no_face_in_the_live_frames_is_its_own_problem(media):
    verifier = MatchingFaceVerifier(DlibMatcher(), THRESHOLD)
    decision = verifier.verify(chip_portrait(media, "obama_1.jpg"), [media.load("no_face_scene.jpg")])
    assert not decision.match and decision.problem == "face_not_found" and math.isnan(decision.distance)


def test_failed_liveness_overrides_a_match(media):
    verifier = MatchingFaceVerifier(DlibMatcher(), THRESHOLD)
    decision = verifier.verify(chip_portrait(media, "obama_1.jpg"), [media.load("obama_2.jpg")], liveness="failed")
    assert not decision.match and decision.problem == "liveness_failed" and decision.liveness == "failed"


def test_new_portrait_matches_the_chip_portrait_and_the_live_face(media, positive):
    from kiosk.biometrics.portrait_maker import check_image

    settings = BiometricsSettings()
    new_portrait = _jpeg(check_image(positive, settings.portrait).portrait)
    verifier = MatchingFaceVerifier(DlibMatcher(), settings.dlib_threshold)
    chip = verifier.compare_images(chip_portrait(media, "obama_1.jpg"), new_portrait)
    live = verifier.compare_images(_jpeg(media.load("obama_2.jpg")), new_portrait)
    other = verifier.compare_images(_jpeg(media.load("biden.jpg")), new_portrait)
    print(f"\nnew portrait vs chip {chip.distance:.3f}, vs live {live.distance:.3f}, vs other {other.distance:.3f}")
    assert chip.match and live.match and not other.match


def test_sface_on_its_worker_uses_the_prepared_reference_and_the_observed_frames(media):
    """The decision's own work is what the check left undone: the reference was templated
    when it was read, the live frames while they came; each template exactly once."""
    from kiosk.biometrics.matcher_sface import SFaceMatcher

    class Counting(SFaceMatcher):
        calls = 0

        def template(self, image):
            Counting.calls += 1
            return super().template(image)

    settings = BiometricsSettings()
    verifier = MatchingFaceVerifier(Counting(), settings.sface_threshold, frames_used=3, worker=True)
    verifier.load_models()
    Counting.calls = 0
    reference = chip_portrait(media, "obama_1.jpg")
    live = [media.load("obama_2.jpg"), media.load("obama_sidelit.jpg"), media.load("obama_3.jpg")]
    verifier.prepare(reference)
    verifier.observe(live[:2])
    verifier.observe(live)                       # the first two are not templated again
    decision = verifier.verify(reference, live)
    assert decision.match and decision.method == "sface-2021dec-int8"
    assert 0 < decision.distance <= settings.sface_threshold
    assert Counting.calls == 4
    verifier.forget()
    stranger = verifier.verify(reference, [media.load("biden.jpg"), media.load("trump.jpg")])
    assert not stranger.match and stranger.distance > settings.sface_threshold
    assert Counting.calls == 4 + 3                # forgotten: the reference is templated again
