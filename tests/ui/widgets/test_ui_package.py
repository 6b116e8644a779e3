"""PySide6 6.12.0 returned None from C++ void methods without a new reference.

On Python 3.11 every such call dropped one of None's ~5000 references and the
interpreter aborted within a second of painting ("none_dealloc: deallocating None").
requirements/runtime.lock pins 6.11.3 for that reason; this test fails on any wheel
with the defect, so an upgrade cannot bring it back unnoticed.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QRect

pytestmark = pytest.mark.ui


def test_void_calls_do_not_drop_references_to_none() -> None:
    rect, obj = QRect(), QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        rect.setX(1)
        obj.setObjectName("probe")
    assert sys.getrefcount(None) - before > -50
