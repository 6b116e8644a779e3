"""Which phone check the launcher builds (issue 16): the HTTPS client for an endpoint,
the demo's stand-in in demo mode, none when the office or the check is switched off;
and the demo's stand-in as the demo citizen meets it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.demo.config import demo_config
from kiosk.demo.phone import DEMO_PHONE_CODE, TRIES, DemoPhoneChecks


def test_the_launcher_builds_the_phone_check_the_configuration_names(tmp_path: Path) -> None:
    from kiosk.office_client import OfficePhoneChecks
    from launcher.services import build_services

    base = demo_config(tmp_path / "demo")
    kinds = {}
    for name, office in (("demo", {}), ("off", {"enabled": False}), ("no_check", {"phone_check": False}),
                         ("https", {"endpoint": "https://127.0.0.1:9/v1/"})):
        cfg = base.model_copy(update={"office": base.office.model_copy(update=office)})
        services = build_services(cfg)
        try:
            kinds[name] = type(services.phone_check)
        finally:
            services.close()
    assert kinds == {"demo": DemoPhoneChecks, "off": type(None), "no_check": type(None), "https": OfficePhoneChecks}


def test_the_demo_stand_in_takes_its_public_code_and_counts_tries() -> None:
    checks = DemoPhoneChecks("demo")
    sent = checks.send("13800138000", "en")
    for left in range(TRIES - 1, 0, -1):
        assert checks.answer(sent.check_id, "000000").tries_left == left
    assert checks.answer(sent.check_id, DEMO_PHONE_CODE).confirmed
    assert checks.answer(sent.check_id, DEMO_PHONE_CODE) is None          # used
    with pytest.raises(RuntimeError):
        DemoPhoneChecks("production")


def test_config_check_names_the_phone_check_among_what_a_missing_endpoint_stops(tmp_path: Path) -> None:
    from kiosk.config import load_config_with_sources
    from kiosk.config.preflight import preflight
    from tests.unit.office.test_office_configuration import trust
    from tests.unit.config.production import production_file

    trust(tmp_path)
    for section, named in (("[office]\n", True), ("[office]\nphone_check = false\n", False)):
        report = preflight(*load_config_with_sources(production_file(tmp_path, section), env={}))
        [problem] = report.problems
        assert problem.key == "office.endpoint"
        assert ("no mobile number can be confirmed" in str(problem)) is named
