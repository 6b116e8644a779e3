"""An unconfigured office is a configuration error `kiosk config check` reports, and the
launcher builds the HTTPS client only when an endpoint is configured."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import load_config_with_sources
from kiosk.config.preflight import preflight
from kiosk.delivery.selftest.loopback_pki import make_loopback_pki
from kiosk.demo.config import demo_config
from launcher.cli import main
from tests.unit.config.production import csca, production_file, trust as _trust


def trust(tmp_path: Path) -> None:
    (_trust(tmp_path) / "cn.pem").write_bytes(csca("CN"))


def check(path: Path):  # type: ignore[no-untyped-def]
    return preflight(*load_config_with_sources(path, env={}))


def test_a_production_kiosk_without_an_office_is_a_configuration_error(tmp_path: Path, capsys) -> None:
    trust(tmp_path)
    path = production_file(tmp_path, "[office]\n")          # [office] on line 7, endpoint left out
    report = check(path)
    assert [(p.key, p.line) for p in report.problems] == [("office.endpoint", 7)]
    assert main(["config", "check", str(path)]) != 0
    err = capsys.readouterr().err
    assert "office.endpoint" in err and "lost cards" in err and len(err.strip().splitlines()) == 1


def test_without_look_ups_on_purpose_the_check_says_so(tmp_path: Path) -> None:
    trust(tmp_path)
    report = check(production_file(tmp_path, "[office]\nenabled = false\n"))
    assert report.ok, report.problems
    assert any("office look-ups: disabled" in line for line in report.summary)


def test_an_office_endpoint_checks_the_delivery_credentials(tmp_path: Path) -> None:
    trust(tmp_path)
    path = production_file(tmp_path, '[office]\nendpoint = "https://office.example.gov/v1/"\n')
    report = check(path)   # no TLS files in the data folder
    assert {p.key for p in report.problems} >= {"delivery.client_cert", "delivery.client_key"}
    assert all("office" in p.problem for p in report.problems)
    make_loopback_pki(tmp_path / "data" / "tls", "KIOSK-0001")   # client.crt / client.key, the defaults
    report = check(path)
    assert report.ok, report.problems
    assert any(line.startswith("office look-ups: https://office.example.gov/v1/ as CN=KIOSK-0001")
               for line in report.summary)


def test_the_demo_office_needs_no_endpoint(tmp_path: Path) -> None:
    report = preflight(demo_config(tmp_path / "demo"))
    assert report.ok
    assert "office look-ups: the demo office (the specimen citizen)" in report.summary


def test_the_launcher_builds_the_client_only_for_an_endpoint(tmp_path: Path) -> None:
    from kiosk.demo.office import DemoRegistry
    from kiosk.office import UnconfiguredRegistry
    from kiosk.office_client import OfficeRegistry, OfficeStudioPhotos
    from launcher.services import build_services

    base = demo_config(tmp_path / "demo")
    kinds = {}
    for name, office in (("demo", {}), ("off", {"enabled": False}),
                         ("https", {"endpoint": "https://127.0.0.1:9/v1/"})):
        cfg = base.model_copy(update={"office": base.office.model_copy(update=office)})
        services = build_services(cfg)
        try:
            kinds[name] = (type(services.registry.inner), type(services.studio.inner))
        finally:
            services.close()
    assert kinds["demo"][0] is DemoRegistry
    assert kinds["off"][0] is UnconfiguredRegistry
    assert kinds["https"] == (OfficeRegistry, OfficeStudioPhotos)
