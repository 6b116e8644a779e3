"""What a source file imports, as the architecture tests read it.

Every spelling counts: `import a.b`, `from a import b` (as `a` and `a.b`, since b may be a
module), relative imports resolved against the file's package, and imports inside
functions or `if TYPE_CHECKING:` blocks, which hide a dependency from Python's import
order but not from a reader. A rule that missed one spelling could be walked around
without anyone noticing.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def module_name(path: Path) -> str:
    parts = list(path.resolve().relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path) -> set[str]:
    """Dotted names `path` imports, relative imports resolved; `from a import b` gives
    both `a` and `a.b`."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names
