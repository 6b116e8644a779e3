"""A typed number's record is the core's until the face matched: `ui/` never reaches for it.

The workflow keeps it in `Session.sealed_identity` (a `kiosk.identity.SealedIdentity`)
and fills `Session.identity`, which screens draw, only after the match. This checks
that no screen, widget or tool under `ui/` goes around that by reading the sealed form.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEALED_NAMES = {"sealed_identity", "SealedIdentity"}


def test_ui_never_reads_a_sealed_identity():
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            name = (
                node.attr if isinstance(node, ast.Attribute)
                else node.id if isinstance(node, ast.Name)
                else node.value if isinstance(node, ast.Constant) and isinstance(node.value, str)
                else None
            )
            if isinstance(node, ast.ImportFrom):
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno} imports {a.name}"
                              for a in node.names if a.name in SEALED_NAMES]
            elif name in SEALED_NAMES:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {name}")
    assert offenders == []
