"""Every message code the face stack can emit has words in the three languages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kiosk.biometrics.guidance import MESSAGES, message

PKG = Path(__file__).resolve().parents[3] / "kiosk" / "biometrics"
CODE_CALL = re.compile(r'(?:_code|code|Guidance)\(?\s*=?\s*"([a-z_]+)"')


def _emitted_codes() -> set[str]:
    """String constants used as message codes in the rule, guidance and liveness modules."""
    codes: set[str] = set()
    for name in ("portrait_rules.py", "guidance.py", "liveness.py"):
        tree = ast.parse((PKG / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg and node.arg.endswith("_code"):
                if isinstance(node.value, ast.Constant) and node.value.value:
                    codes.add(node.value.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Guidance" and node.args:
                for sub in ast.walk(node.args[0]):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                        codes.add(sub.value)
    return codes


def test_every_emitted_code_has_a_message():
    codes = _emitted_codes() | {"blink", "turn_left", "turn_right", "turn_back", "move_up", "move_down"}
    assert len(codes) > 15
    assert sorted(codes - MESSAGES.keys()) == []


def test_three_languages_each_non_empty_and_distinct():
    for code, texts in MESSAGES.items():
        assert len(texts) == 3 and all(t.strip() for t in texts), code
        assert texts[0] != texts[1] != texts[2], code
    assert message("remove_glasses", "zh_CN") == "请摘下眼镜。"
    assert message("unknown_code", "vi") == "unknown_code"
