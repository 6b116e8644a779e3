"""The address entry in each script (pinyin on a Chinese kiosk, Telex on a Vietnamese one)
fits, is touchable, stays on screen, within a seated citizen's reach and under its "Step
N of M", in every language, in normal and large text."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from launcher.screenshots import SIZE, Tour
from tests.conftest import FIXED_NOW
from tests.ui.test_screens import (
    LANGS, check_button_texts, check_no_overlap, check_on_screen, check_reach, check_step_shown, check_touch_targets,
)

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("large_text", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("country", ["CHN", "VNM"])
@pytest.mark.parametrize("lang", LANGS)
def test_address_entry_fits_in_each_script(
    qapp, tmp_path, kiosk_theme, language, assert_texts_fit, lang: str, country: str, large_text: bool
) -> None:
    problems: list[str] = []
    names: list[str] = []

    def check(name: str, window: QWidget) -> None:
        names.append(name)
        assert window.size().toTuple() == SIZE
        try:
            assert_texts_fit(window)
        except AssertionError as exc:
            problems.append(f"{name}: {exc}")
        problems.extend(f"{name}: small target {p}" for p in check_touch_targets(window))
        problems.extend(f"{name}: off screen {p}" for p in check_on_screen(window))
        problems.extend(f"{name}: {p}" for p in check_no_overlap(window))
        problems.extend(f"{name}: clipped {p}" for p in check_button_texts(window))
        problems.extend(f"{name}: out of reach {p}" for p in check_reach(window))
        problems.extend(f"{name}: {p}" for p in check_step_shown(window, tour.wf.step))

    tour = Tour(lang, tmp_path / "data", FIXED_NOW.date(), check, large_text=large_text, country=country)
    try:
        tour.address_tour()
    finally:
        tour.close()
    script = "pinyin" if country == "CHN" else "telex"
    assert [n.split("_", 1)[1] for n in names] == [f"contact_address_{script}_regions", f"contact_address_{script}"]
    assert not problems, "\n".join(problems)
