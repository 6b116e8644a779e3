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
