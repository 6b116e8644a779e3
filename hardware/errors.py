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


class SpeakerError(HardwareError):
    device = "speaker"


class SpeakerUnavailable(SpeakerError, DeviceUnavailable):
    pass
