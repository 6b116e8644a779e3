"""Property: whatever fictitious citizens came, no export file holds a name, an ID number,
a card number or a phone number of any of them (Latin, Chinese and Vietnamese forms, any
case, composed or decomposed, JSON-escaped; the PDF's text as pdftotext reads it, and its
raw bytes). Application numbers are allowed, and are there."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.operations.exports.support import export, finder, identity_forms, readable_texts, simulate

SEARCHED = ("name", "name_mrz", "name_local", "id_number", "document_number", "phone", "postal_address",
            "home_address")


@settings(max_examples=4, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31 - 1), country=st.sampled_from(["CHN", "VNM"]), sessions=st.integers(3, 8))
def test_no_identity_reaches_any_export_file(seed: int, country: str, sessions: int) -> None:
    with tempfile.TemporaryDirectory(prefix="export-privacy-") as tmp:
        data_dir, out = Path(tmp) / "data", Path(tmp) / "export"
        report = simulate(data_dir, sessions, seed, country)
        written = export(data_dir, out)
        identities = [{k: v for k, v in person.items() if k in SEARCHED} for person in report["identities"]]
        assert len(identities) == sessions
        forms = identity_forms(identities)
        texts = readable_texts(out)
        assert set(written["files"]) == {n.split(" ")[0] for n in texts}
        # The search can see what it looks for: the extracted text is the PDF's own words,
        # in its language, and the application numbers (allowed) are in the table.
        assert "自助换证机每日报告" in texts["summary.zh_CN.pdf (text)"]
        assert "Báo cáo hằng ngày" in texts["summary.vi.pdf (text)"]
        for number in (v["application_number"] for v in report["visits"] if v["application_number"]):
            assert number in texts["sessions.csv"] and number in texts["sessions.jsonl"]
        planted = "\n".join("x" + f.upper() + "y" for f in forms).lower()
        pattern = finder(forms)
        assert {m for m in pattern.findall(planted)} <= forms and len(pattern.findall(planted)) == len(forms)
        leaked = sorted({(name, found) for name, text in texts.items() for found in pattern.findall(text.lower())})
        assert leaked == []
