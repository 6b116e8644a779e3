"""Identity documents with a chip (ICAO 9303 eMRTD: passports and TD1 ID cards).

`tlv` decodes BER-TLV, `lds` builds and parses the LDS files, `reader` drives the APDU
exchange over a `hardware.card_reader.CardConnection` and makes an `Identity`, and
`specimen` builds the demo citizen's card. Secure messaging (BAC/PACE) and passive
authentication plug in later behind `reader.SecureChannel`.
"""

from kiosk.documents.errors import (
    AccessDenied,
    CardPulled,
    ChipError,
    DocumentError,
    MalformedDocument,
    ReadCancelled,
    UnsupportedCard,
)
from kiosk.documents.lds import DataGroup, Dg11, FaceImage
from kiosk.documents.reader import (
    ChipDocument,
    PlainChannel,
    SecureChannel,
    identity_from_document,
    read_document,
)
from kiosk.documents.tlv import TlvError

__all__ = [
    "AccessDenied",
    "CardPulled",
    "ChipDocument",
    "ChipError",
    "DataGroup",
    "Dg11",
    "DocumentError",
    "FaceImage",
    "MalformedDocument",
    "PlainChannel",
    "ReadCancelled",
    "SecureChannel",
    "TlvError",
    "UnsupportedCard",
    "identity_from_document",
    "read_document",
]
