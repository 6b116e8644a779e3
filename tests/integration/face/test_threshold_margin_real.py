"""The default matcher at its configured threshold, on pairs like the kiosk meets them.

References are chip-like (102 x 126 px, JPEG quality 25, as a second-generation card's
chip photo); probes are live 1280 x 720 frames, mirrored as the camera shows them, with
sensor noise. Genuine pairs: person A's four independent photos against each other
(12 pairs), and every other person's chip-like photo against a re-lit, tilted live
frame of the same photo (10 more people, six of them cut from one group photo).
Impostors: every reference against every other person's live frame, the six from the
group photo against each other included (same light, same camera: the hardest).

Before SFace the default (dlib at 0.5) rejected a third of person A's genuine pairs,
and its nearest impostor sat within a few hundredths of its farthest genuine pair.
"""

from __future__ import annotations

import pytest

from hardware.images import PORTRAIT
from kiosk.biometrics.detection import decode_image
from kiosk.config.model import BiometricsSettings
from launcher.drivers import face_matcher

pytestmark = pytest.mark.integration

MARGIN = 0.05   # each side of the threshold: the configured value must not sit on a pair


@pytest.fixture(scope="module")
def pairs(media):
    """(reference JPEG bytes, live frame, person, photo index) per photo of every identity."""
    out = []
    for person, photos in media.identities().items():
        for k, (image, face) in enumerate(photos):
            same_photo_probe = media.live_frame(image, face, light=0.85, angle=4.0, face_share=0.36, seed=k + 1)
            other_photo_probe = media.live_frame(image, face, seed=k + 11)
            out.append((media.chip_like(image, face), same_photo_probe, other_photo_probe, person, k))
    return out


def _distances(matcher, pairs):
    refs = [matcher.template(decode_image(ref, PORTRAIT)) for ref, *_ in pairs]
    same = [matcher.template(p) for _, p, *_ in pairs]
    other = [matcher.template(p) for _, _, p, *_ in pairs]
    assert None not in refs + same + other, "a face was not found"
    several = {person for *_, person, k in pairs if k > 0}
    genuine, impostor = [], []
    for i, (*_, person_i, k_i) in enumerate(pairs):
        for j, (*_, person_j, k_j) in enumerate(pairs):
            if person_i != person_j:
                impostor.append((matcher.distance(refs[i], other[j]), person_i, person_j))
            elif k_i != k_j:
                genuine.append((matcher.distance(refs[i], other[j]), person_i, f"{k_i}-{k_j}"))
            elif person_i not in several:
                genuine.append((matcher.distance(refs[i], same[j]), person_i, "same photo"))
    return genuine, impostor


@pytest.mark.parametrize("name", ["sface", "dlib"])
def test_chip_like_references_at_the_configured_threshold(pairs, name):
    settings = BiometricsSettings()
    threshold = settings.threshold_of(name)
    genuine, impostor = _distances(face_matcher(name), pairs)
    far_genuine, near_impostor = max(genuine), min(impostor)
    rejected = [g for g in genuine if g[0] > threshold]
    print(f"\n{name} at {threshold}: {len(genuine)} genuine {min(genuine)[0]:.3f}-{far_genuine[0]:.3f}, "
          f"{len(impostor)} impostors {near_impostor[0]:.3f}-{max(impostor)[0]:.3f}, "
          f"margin {near_impostor[0] - far_genuine[0]:+.3f}; false rejects {len(rejected)}, "
          f"false accepts {sum(i[0] <= threshold for i in impostor)}")
    assert len(genuine) == 12 + 10 and len({g[1] for g in genuine}) == 11
    assert len(impostor) == 14 * 14 - 4 * 4 - 10
    # Neither matcher lets a stranger through at its configured threshold.
    assert [i for i in impostor if i[0] <= threshold] == []
    if name == settings.face_verifier:
        # The default separates the two groups with room on both sides of its threshold.
        assert far_genuine[0] <= threshold - MARGIN, far_genuine
        assert near_impostor[0] >= threshold + MARGIN, near_impostor
