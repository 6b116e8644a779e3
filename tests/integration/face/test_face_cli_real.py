"""The three face commands through the real `kiosk` entry point, with JSON output."""

from __future__ import annotations

import json

import cv2
import pytest

import launcher.cli

pytestmark = pytest.mark.integration


def run(monkeypatch, capsys, argv):
    monkeypatch.setattr(launcher.cli, "COMMAND_MODULES", ("launcher.commands.biometrics",))
    code = launcher.cli.main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_photo_check_json_and_crop(monkeypatch, capsys, tmp_path, positive):
    source = tmp_path / "portrait.png"
    cv2.imwrite(str(source), positive)
    out = tmp_path / "crop.jpg"
    code, result = run(monkeypatch, capsys, ["photo", "check", str(source), "--crop-out", str(out), "--json"])
    assert code == 0 and result["passed"] and result["failed_components"] == []
    names = [c["component"] for c in result["checks"]]
    assert {"background_uniformity", "illumination_uniformity", "sharpness", "eyes_open", "mouth_closed",
            "head_pose_yaw", "head_size", "crop", "inter_eye_distance", "single_face_present", "glasses",
            "no_head_covering", "luminance_mean", "exposure", "background_colour"} <= set(names)
    assert all({"value", "min", "max", "passed", "message_code", "message"} <= set(c) for c in result["checks"])
    assert cv2.imread(str(out)).shape == (441, 358, 3)


def test_photo_check_reports_the_reason_in_the_chosen_language(monkeypatch, capsys, media):
    path = media.media_dir() / "grace_hopper.jpg"
    code, result = run(monkeypatch, capsys, ["photo", "check", str(path), "--json", "--lang", "zh_CN"])
    assert code == 1 and not result["passed"]
    glasses = next(c for c in result["checks"] if c["component"] == "glasses")
    assert glasses["message"] == "请摘下眼镜。"


def test_face_verify_json(monkeypatch, capsys, media):
    d = media.media_dir()
    code, same = run(monkeypatch, capsys, ["face", "verify", str(d / "obama_1.jpg"), str(d / "obama_3.jpg"), "--json"])
    assert code == 0 and same["match"] and same["distance"] <= same["threshold"]
    code, other = run(monkeypatch, capsys, ["face", "verify", str(d / "obama_1.jpg"), str(d / "biden.jpg"), "--json"])
    assert code == 1 and not other["match"] and other["distance"] > other["threshold"]


def test_liveness_json(monkeypatch, capsys, media):
    d = media.media_dir()
    code, clip = run(monkeypatch, capsys, ["liveness", str(d / "megamind.avi"), "--json"])
    assert clip["frames"] == 270 and len(clip["blinks"]) >= 4
    assert all({"start_frame", "end_frame"} <= set(b) for b in clip["blinks"])
    assert "passed" in clip["challenge"]
    code, still = run(monkeypatch, capsys, ["liveness", str(d / "trump.jpg"), "--json"])
    assert code == 1 and still["blinks"] == [] and not still["passed"]


def test_face_verify_reports_method_decision_and_the_time_of_the_comparison(monkeypatch, capsys, media):
    d = media.media_dir()
    for matcher in ("sface", "dlib"):
        code, out = run(monkeypatch, capsys, ["face", "verify", str(d / "obama_1.jpg"), str(d / "obama_2.jpg"),
                                              "--matcher", matcher, "--json"])
        assert {"method", "distance", "threshold", "decision", "elapsed_ms"} <= set(out)
        assert matcher in out["method"] and out["decision"] == ("match" if code == 0 else "no_match")
        assert out["elapsed_ms"] > 0
    code, out = run(monkeypatch, capsys, ["face", "verify", str(d / "obama_1.jpg"), str(d / "obama_2.jpg"), "--json"])
    assert out["method"].startswith("sface") and out["threshold"] == 0.52   # the default matcher, its own threshold


def _pairs_folder(media, root):
    ids = media.identities()
    a = ids["A"]
    pairs = [("genuine", f"A{i}-{j}", a[i], a[j]) for i in range(4) for j in range(4) if i != j]
    others = [p for person, photos in ids.items() if person != "A" for p in photos]
    pairs += [("impostor", f"A{i}-x{k}", a[i], other) for i in range(4) for k, other in enumerate(others[:5])]
    for label, name, (ref_img, ref_face), (probe_img, probe_face) in pairs:
        folder = root / label / name
        folder.mkdir(parents=True)
        (folder / "reference.jpg").write_bytes(media.chip_like(ref_img, ref_face))
        cv2.imwrite(str(folder / "probe.png"), media.live_frame(probe_img, probe_face))
    return root


def test_face_calibrate_reports_rates_the_equal_error_a_suggestion_and_plots(monkeypatch, capsys, media, tmp_path):
    folder = _pairs_folder(media, tmp_path / "pairs")
    plot = tmp_path / "distributions.png"
    code, out = run(monkeypatch, capsys, ["face", "calibrate", str(folder), "--plot", str(plot), "--json"])
    assert code == 0
    assert out["method"].startswith("sface") and out["pairs"] == {"genuine": 12, "impostor": 20, "unusable": 0}
    assert out["margin"] > 0 and out["equal_error"]["rate"] == 0
    assert out["genuine"]["max"] < out["suggested"]["threshold"] < out["impostor"]["min"]
    assert out["configured"] == {"threshold": 0.52, "far": 0, "frr": 0}
    curve = out["curve"]
    assert [p["far"] for p in curve] == sorted(p["far"] for p in curve)           # FAR rises with the threshold
    assert [p["frr"] for p in curve] == sorted((p["frr"] for p in curve), reverse=True)
    assert any("smallest false-accept rate" in n for n in out["notes"]) is False   # target 0 needs no note
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert all(set(m) >= {"label", "pair", "distance"} for m in out["measured"])


def test_face_calibrate_refuses_a_folder_without_pairs_in_one_line(tmp_path, capsys):
    (tmp_path / "genuine" / "one").mkdir(parents=True)
    code = launcher.cli.main(["face", "calibrate", str(tmp_path), "--json"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "reference.* and one probe.*" in err
