"""`kiosk config check` and `kiosk run` judge what the configuration names, not only its syntax.

Before, a production file naming an empty trust folder, a client key anyone could read
or a data folder that is a file passed `kiosk config check` and started; the kiosk then
renewed on chips nobody vouched for, or failed in front of citizens hours later.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from launcher.cli import main
from kiosk.config import load_config_with_sources
from kiosk.demo.config import demo_config
from kiosk.config.preflight import preflight
from kiosk.delivery.selftest.loopback_pki import make_loopback_pki
from kiosk.demo.specimen_pki import specimen_pki
from kiosk.receipts.signing import ReceiptSigner

from .production import csca, production_file, trust


def check(path: Path, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return preflight(*load_config_with_sources(path, env={} if env is None else env))


# -- trust anchors ----------------------------------------------------------------------


def test_a_bad_master_list_does_not_stand_in_for_the_folder(tmp_path: Path) -> None:
    path = production_file(tmp_path, 'master_list = "trust/icao.ml"\n')   # line 7
    report = check(path)
    keys = {(p.key, p.line) for p in report.problems}
    assert ("devices.card_reader.master_list", 7) in keys
    assert ("devices.card_reader.trust_dir", 6) in keys


def test_the_demo_configuration_passes_without_any_trust_anchor(tmp_path: Path) -> None:
    report = preflight(demo_config(tmp_path / "demo"))
    assert report.ok and report.warnings == []


def test_demo_mode_with_a_real_reader_only_warns_about_trust(tmp_path: Path) -> None:
    path = production_file(tmp_path)
    report = check(path, {"KIOSK__KIOSK__MODE": "demo"})
    assert report.ok
    assert [w.key for w in report.warnings] == ["devices.card_reader.trust_dir"]


# -- item 2: what the configuration names -------------------------------------------------


def test_trust_anchors_are_counted_with_their_countries(tmp_path: Path) -> None:
    folder = trust(tmp_path)
    (folder / "cn.pem").write_bytes(csca("CN"))
    (folder / "vn.pem").write_bytes(csca("VN") + csca("VN"))
    (folder / "broken.cer").write_bytes(b"\x30\x03\x02\x01")
    (folder / "README.txt").write_text("not a certificate, not looked at")
    report = check(production_file(tmp_path))
    assert report.ok, report.problems
    assert any("3 CSCA certificates (CN, VN)" in line for line in report.summary)
    [warning] = report.warnings
    assert warning.key == "devices.card_reader.trust_dir" and "broken.cer" in warning.problem


def test_a_specimen_csca_in_a_production_trust_folder_is_refused(tmp_path: Path) -> None:
    folder = trust(tmp_path)
    (folder / "cn.pem").write_bytes(csca("CN"))
    (folder / "demo.pem").write_bytes(specimen_pki("CHN").csca.pem)
    report = check(production_file(tmp_path))
    [problem] = report.problems
    assert (problem.key, problem.line) == ("devices.card_reader.trust_dir", 6)
    assert "specimen" in problem.problem


def test_a_data_folder_that_is_a_file_is_refused_at_its_line(tmp_path: Path) -> None:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    path = production_file(tmp_path)
    path.write_text(path.read_text().replace(f'data_dir = "{tmp_path / "data"}"', f'data_dir = "{path}"'))
    report = check(path)
    assert [(p.key, p.line) for p in report.problems][0] == ("kiosk.data_dir", 3)
    assert "not a folder" in report.problems[0].problem


def test_a_problem_set_from_the_environment_names_the_variable(tmp_path: Path) -> None:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    blocker = tmp_path / "file"
    blocker.write_text("")
    report = check(production_file(tmp_path), {"KIOSK__DEVICES__PRINTER__OUTPUT_DIR": str(blocker / "out")})
    [problem] = report.problems
    assert problem.variable == "KIOSK__DEVICES__PRINTER__OUTPUT_DIR"
    assert problem.key == "devices.printer.output_dir" and "cannot be created" in problem.problem


def test_the_receipt_signing_key_must_be_owner_only(tmp_path: Path) -> None:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    key = tmp_path / "data" / "keys" / "receipt-signing.pem"
    ReceiptSigner.load_or_create(key)
    path = production_file(tmp_path)
    assert check(path).ok
    key.chmod(0o644)
    [problem] = check(path).problems
    assert problem.key == "receipt.signing_key" and "0644" in problem.problem
    key.chmod(0o600)
    key.write_text("garbage")
    [problem] = check(path).problems
    assert problem.key == "receipt.signing_key" and "PEM" in problem.problem



def test_a_lost_data_key_with_applications_waiting_is_refused(tmp_path: Path) -> None:
    # The start refuses it (kiosk.storage.queue_keys); the check must say so beforehand,
    # with the same words, and create no key while looking.
    from kiosk.config import load_config
    from kiosk.demo.applications import demo_application
    from kiosk.storage import ApplicationStore

    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    path = production_file(tmp_path)
    [summary] = [line for line in check(path).summary if line.startswith("queue data key")]
    assert "will be created" in summary
    cfg = load_config(path, env={})
    with ApplicationStore.from_config(cfg) as store:
        store.enqueue(demo_application("en"))
        key_id = store.keyring.current.key_id
    report = check(path)
    assert report.ok and any(f"key id {key_id}" in line and "1 application waiting" in line for line in report.summary)
    cfg.key_file_path.unlink()
    [problem] = check(path).problems
    assert problem.key == "storage.key_file" and f"encrypted with key {key_id}" in problem.problem
    assert not cfg.key_file_path.exists()


DELIVERY = (
    "[delivery]\n"                                       # 7
    "enabled = true\n"                                   # 8
    'endpoint = "https://intake.example.gov/v1/"\n'      # 9
    'client_cert = "tls/client.crt"\n'                   # 10
    'client_key = "tls/client.key"\n'                    # 11
    'ca_bundle = "tls/ca.crt"\n'                         # 12
)


@pytest.fixture
def delivery_file(tmp_path: Path) -> Path:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    make_loopback_pki(tmp_path / "data" / "tls", "KIOSK-0001")
    return production_file(tmp_path, DELIVERY)


def test_delivery_credentials_that_match_pass(delivery_file: Path) -> None:
    report = check(delivery_file)
    assert report.ok, report.problems
    assert any(line.startswith("delivery: https://intake.example.gov/v1/ as CN=KIOSK-0001") for line in report.summary)


def test_a_client_key_others_can_read_is_refused_at_its_line(tmp_path: Path, delivery_file: Path) -> None:
    (tmp_path / "data" / "tls" / "client.key").chmod(0o666)
    [problem] = check(delivery_file).problems
    assert (problem.key, problem.line) == ("delivery.client_key", 11)
    assert "0666" in problem.problem


def test_a_client_key_of_another_certificate_is_refused(tmp_path: Path, delivery_file: Path) -> None:
    other = make_loopback_pki(tmp_path / "other", "KIOSK-0001")
    (tmp_path / "data" / "tls" / "client.key").write_bytes(other.client_key.read_bytes())
    [problem] = check(delivery_file).problems
    assert (problem.key, problem.line) == ("delivery.client_key", 11)
    assert "not the key of the certificate" in problem.problem


def test_missing_and_unparseable_credentials_are_each_named(tmp_path: Path, delivery_file: Path) -> None:
    tls = tmp_path / "data" / "tls"
    (tls / "client.crt").unlink()
    (tls / "ca.crt").write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    problems = {(p.key, p.line): p.problem for p in check(delivery_file).problems}
    assert "does not exist" in problems[("delivery.client_cert", 10)]
    assert "no PEM certificate" in problems[("delivery.ca_bundle", 12)]


def test_disabled_delivery_is_not_checked(tmp_path: Path) -> None:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    report = check(production_file(tmp_path, DELIVERY.replace("enabled = true", "enabled = false")))
    assert report.ok


def test_checks_only_look(tmp_path: Path) -> None:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    path = production_file(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    check(path)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


# -- the command ----------------------------------------------------------------------------


def test_config_check_summarises_a_clean_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    path = production_file(tmp_path)
    assert main(["config", "check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "1 CSCA certificate (CN)" in out
    assert out.strip().splitlines()[-1] == f"{path}: OK"


def test_config_check_lists_every_problem_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_loopback_pki(tmp_path / "data" / "tls", "KIOSK-0001")
    (tmp_path / "data" / "tls" / "client.key").chmod(0o644)
    path = production_file(tmp_path, DELIVERY)
    assert main(["config", "check", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"kiosk: {path}:6: devices.card_reader.trust_dir: " + err[0].split("trust_dir: ", 1)[1],
        f"kiosk: {path}:11: delivery.client_key: " + err[1].split("client_key: ", 1)[1],
    ]


def test_config_check_of_the_demo(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["config", "check", "--demo", "--data-dir", str(tmp_path / "d")]) == 0
    assert capsys.readouterr().out.strip().endswith("demo configuration: OK")
    assert not (tmp_path / "d").exists()


def test_client_certificate_expiry_is_a_problem(tmp_path: Path, delivery_file: Path) -> None:
    from kiosk.delivery.credentials import check_credentials

    tls = tmp_path / "data" / "tls"
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    report = check_credentials(tls / "client.crt", tls / "client.key", tls / "ca.crt", now=later)
    assert [p.setting for p in report.problems] == ["client_cert"]
    assert "expired" in str(report.problems[0])


def test_the_summary_says_who_can_enter_maintenance(tmp_path: Path) -> None:
    from kiosk.config import with_overrides

    cfg = demo_config(tmp_path / "demo")
    assert "maintenance entry: technician and operator PINs set" in preflight(cfg).summary
    alone = with_overrides(cfg, {"maintenance.operator_pin": None})
    assert "maintenance entry: technician PIN set" in preflight(alone).summary
    nobody = with_overrides(alone, {"maintenance.technician_pin": None})
    assert "maintenance entry: no PIN: nobody can enter on the screen" in preflight(nobody).summary


def test_the_daily_export_folder_must_be_writable_when_the_export_is_on(tmp_path: Path) -> None:
    (trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))
    blocker = tmp_path / "file"
    blocker.write_text("")
    env = {"KIOSK__EXPORT__FOLDER": str(blocker / "exports")}
    assert check(production_file(tmp_path), env).problems == []           # off: not looked at
    report = check(production_file(tmp_path), {**env, "KIOSK__EXPORT__DAILY_TIME": "02:30"})
    [problem] = report.problems
    assert problem.key == "export.folder" and "cannot be created" in problem.problem
    report = check(production_file(tmp_path), {"KIOSK__EXPORT__DAILY_TIME": "02:30"})
    assert report.problems == [] and any("daily export at 02:30" in line for line in report.summary)


# -- the face matcher: its model file, and a threshold that is its own ---------------------


def test_the_sface_model_is_checked_by_its_sha256(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.biometrics import matcher_sface

    path = production_file(tmp_path)
    report = check(path)
    assert any("SFace" in line and "SHA-256 checked" in line for line in report.summary)
    forged = tmp_path / matcher_sface.MODEL_FILE
    forged.write_bytes(b"not the model")
    monkeypatch.setattr(matcher_sface, "model_path", lambda: forged)
    report = check(path)
    assert [(p.key, p.problem) for p in report.problems if p.key == "biometrics.face_verifier"] == [
        ("biometrics.face_verifier", f"the SFace model {forged.name} is not the expected file (SHA-256 differs)")]


def test_the_old_threshold_name_under_dlib_is_a_warning_to_rename(tmp_path: Path) -> None:
    path = production_file(tmp_path, '[biometrics]\nface_verifier = "dlib"\nmatch_threshold = 0.45\n')
    report = check(path)
    assert [(w.key, w.problem) for w in report.warnings if w.key.startswith("biometrics")] == [
        ("biometrics.match_threshold", "is the old name of dlib_threshold: rename it")]
    assert any("dlib, threshold 0.45" in line for line in report.summary)
