"""Reusable touch widgets. Each sizes itself from `ui.theme.current_theme()` and sets its
own visible strings in ``retranslate()``, so a theme or language switch reaches it.

Texts that depend on the workflow (titles, instructions, messages) are the caller's and
are passed in already translated; the widgets translate only their own fixed labels.
"""

from ui.widgets.base import LanguageAware, pass_touches_through, touch_only
from ui.widgets.camera_view import CameraView, frame_to_qimage
from ui.widgets.choice_button import ChoiceButton, Symbol
from ui.widgets.countdown_overlay import IdleCountdownOverlay
from ui.widgets.keypad import NumericKeypad, group_digits
from ui.widgets.progress import BusyPanel
from ui.widgets.signature_pad import SignaturePad
from ui.widgets.step_indicator import StepIndicator
from ui.widgets.text_keypad import TextKeypad
from ui.widgets.toggle_button import ToggleButton

__all__ = [
    "BusyPanel",
    "CameraView",
    "ChoiceButton",
    "IdleCountdownOverlay",
    "LanguageAware",
    "NumericKeypad",
    "SignaturePad",
    "StepIndicator",
    "Symbol",
    "TextKeypad",
    "ToggleButton",
    "frame_to_qimage",
    "group_digits",
    "pass_touches_through",
    "touch_only",
]
