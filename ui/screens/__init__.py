"""One full-screen page per workflow state (see `kiosk.workflow.states.State`)."""

from __future__ import annotations

from kiosk.workflow.states import State
from ui.screens.base import Screen
from ui.screens.case import CaseScreen
from ui.screens.consent import ConsentScreen
from ui.screens.contact import ContactScreen
from ui.screens.device_error import DeviceErrorScreen
from ui.screens.eligibility import EligibilityScreen
from ui.screens.face_check import FaceCheckScreen
from ui.screens.fingerprints import FingerprintsScreen
from ui.screens.goodbye import GoodbyeScreen
from ui.screens.handover import HandoverScreen
from ui.screens.identify import IdentifyScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.screens.phone_check import PhoneCheckScreen
from ui.screens.payment import PaymentScreen
from ui.screens.portrait import PortraitScreen
from ui.screens.receipt import ReceiptScreen
from ui.screens.review import ReviewScreen
from ui.screens.submit import SubmitScreen
from ui.screens.welcome import WelcomeScreen

SCREENS: dict[State, type[Screen]] = {
    cls.STATE: cls
    for cls in (
        WelcomeScreen,
        CaseScreen,
        IdentifyScreen,
        EligibilityScreen,
        FaceCheckScreen,
        PortraitScreen,
        FingerprintsScreen,
        ContactScreen,
        ReviewScreen,
        SubmitScreen,
        ReceiptScreen,
        GoodbyeScreen,
        HandoverScreen,
        DeviceErrorScreen,
        OutOfServiceScreen,
        ConsentScreen,     # issue 15: consent before the camera
        PhoneCheckScreen,      # issue 16
        PaymentScreen,
    )
}
assert set(SCREENS) == set(State), "every workflow state needs a screen"

__all__ = ["SCREENS", "Screen"]
