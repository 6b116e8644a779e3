"""Errors every driver raises, so the core can react without knowing the driver."""


class HardwareError(Exception):
    """Base for device failures. `device` names the device kind for messages and logs."""

    device = "device"


class DeviceUnavailable(HardwareError):
    """The device is missing, unplugged or not answering."""


class CameraError(HardwareError):
    device = "camera"


class CameraUnavailable(CameraError, DeviceUnavailable):
    pass


class CardReaderError(HardwareError):
    device = "card_reader"


class ReaderUnavailable(CardReaderError, DeviceUnavailable):
    pass


class CardRemoved(CardReaderError):
    """The card left the field during an exchange."""


class PrinterError(HardwareError):
    device = "printer"


class PrinterUnavailable(PrinterError, DeviceUnavailable):
    pass


class FingerprintError(HardwareError):
    device = "fingerprint"


class ScannerUnavailable(FingerprintError, DeviceUnavailable):
    """The scanner is not there (never found, or unplugged during a capture)."""


class CaptureTimedOut(FingerprintError):
    """No finger came onto the scanner in time: the citizen's business, not a broken device."""


class PressRejected(FingerprintError):
    """The scanner itself asked for the finger again (libfprint's `FP_DEVICE_RETRY`: not
    centred, too short, or nothing it could read). `reason` names the driver's retry."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the scanner asked for another press ({reason})")
        self.reason = reason


class SpeakerError(HardwareError):
    device = "speaker"


class SpeakerUnavailable(SpeakerError, DeviceUnavailable):
    pass
