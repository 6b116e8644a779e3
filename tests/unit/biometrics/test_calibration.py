"""The arithmetic of `kiosk face calibrate`: rates, the equal-error point, the suggestion."""

from __future__ import annotations

import math

import pytest

from kiosk.biometrics.calibration import MeasuredPair, PairsFolderError, calibrate, find_pairs, rates


def _report(genuine, impostor, target_far=0.0, threshold=0.5):
    pairs = [MeasuredPair("genuine", f"g{i}", d) for i, d in enumerate(genuine)]
    pairs += [MeasuredPair("impostor", f"i{i}", d) for i, d in enumerate(impostor)]
    return calibrate(pairs, method="m", configured_threshold=threshold, target_far=target_far)


def test_a_pair_at_the_threshold_is_accepted():
    assert rates([0.3, 0.5], [0.5, 0.7], 0.5) == (0.5, 0.0)


def test_separable_pairs_suggest_the_middle_of_the_gap():
    report = _report([0.1, 0.2, 0.3], [0.7, 0.8])
    assert report.margin == pytest.approx(0.4)
    assert report.suggested() == (pytest.approx(0.5), 0.0, 0.0)
    assert report.equal_error() == (pytest.approx(0.5), 0.0)


def test_overlapping_pairs_meet_the_target_with_the_fewest_false_rejects():
    genuine = [0.1, 0.2, 0.3, 0.45, 0.6]
    impostor = [0.4, 0.5, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4]
    strict = _report(genuine, impostor, target_far=0.0)
    t, far, frr = strict.suggested()
    assert far == 0 and 0.3 <= t < 0.4 and frr == pytest.approx(0.4)
    loose = _report(genuine, impostor, target_far=0.1)     # one impostor in ten may pass
    t, far, frr = loose.suggested()
    assert far <= 0.1 and 0.45 <= t < 0.5 and frr == pytest.approx(0.2)
    record = loose.as_record()
    assert "no threshold separates" in " ".join(record["notes"])
    eer_t, eer = strict.equal_error()
    far, frr = rates(genuine, impostor, eer_t)
    assert abs(far - frr) <= 0.2 and eer == pytest.approx((far + frr) / 2)


def test_a_target_finer_than_the_pairs_can_tell_is_said():
    record = _report([0.1, 0.2], [0.7, 0.8], target_far=0.001).as_record()
    assert any("smallest false-accept rate that can be measured is 0.5000" in n for n in record["notes"])


def test_unusable_pairs_are_counted_not_measured():
    pairs = [MeasuredPair("genuine", "g", 0.2), MeasuredPair("genuine", "bad", math.nan, "face_not_found"),
             MeasuredPair("impostor", "i", 0.8)]
    record = calibrate(pairs, method="m", configured_threshold=0.5).as_record()
    assert record["pairs"] == {"genuine": 1, "impostor": 1, "unusable": 1}
    assert {"label": "genuine", "pair": "bad", "distance": None, "problem": "face_not_found"} in record["measured"]
    with pytest.raises(PairsFolderError):
        calibrate(pairs[1:2] + pairs[2:], method="m", configured_threshold=0.5)


def test_the_folder_needs_both_labels(tmp_path):
    pair = tmp_path / "genuine" / "p"
    pair.mkdir(parents=True)
    (pair / "reference.jpg").write_bytes(b"x")
    (pair / "probe.jpg").write_bytes(b"x")
    with pytest.raises(PairsFolderError, match="no impostor pairs"):
        find_pairs(tmp_path)
