"""The office's URLs (its ids for a citizen's lookup, phone check, payment) stay out of
the kiosk's log unless a technician asks for --verbose."""

from __future__ import annotations

import logging

import httpx
import pytest

from launcher.cli import HTTP_LOGGERS, quiet_http_logs

URL = "https://office.test/reference-lookups/L-7f3a9c/record"


@pytest.fixture(autouse=True)
def _restore_levels():
    levels = {name: logging.getLogger(name).level for name in HTTP_LOGGERS}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_request_lines_are_kept_out_and_come_back_with_verbose(caplog):
    client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200)))
    quiet_http_logs(verbose=False)
    with caplog.at_level(logging.DEBUG):
        client.post(URL)
    assert "L-7f3a9c" not in caplog.text
    quiet_http_logs(verbose=True)
    with caplog.at_level(logging.DEBUG):
        client.post(URL)
    assert "L-7f3a9c" in caplog.text          # the line exists: the quiet above is ours
