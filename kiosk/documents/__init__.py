"""Identity documents with a chip (ICAO 9303 eMRTD: passports and TD1 ID cards).

Protocol, transport and data stay apart, as in JMRTD:
  * data (bytes in, values out): the `lds` package, one module per file (EF.COM, DG1,
    DG2 with ISO 19794-5 and 39794-5 faces, DG11, DG13, EF.SOD, EF.CardAccess); `tlv`,
    `apdu`, `status_words` (ISO 7816-4, named once), `capabilities` (ATR, EF.ATR/INFO);
  * protocol: `access` (MRZ/CAN keys, attempts), `crypto`, `secure_messaging` (wrap and
    unwrap only), `bac`, `pace`, `channel` (sends APDUs; PlainChannel beside the
    SecureChannel interface), `filesystem` (selects and reads files);
  * trust: `signatures`, `trust` (CSCA folder, master lists), `passive_auth`;
  * `reader.read_document` only decides the order of the read and yields a
    `chip_document.ChipDocument`; `chip_identity.identity_from_document` makes the
    workflow's `Identity` of it; `chip_portrait` is the one way to the portrait's pixels;
  * `errors` is what can go wrong, and imports nothing of the package.
  The demo card is built in `kiosk.demo.specimen`; `kiosk card read` is
  `launcher.commands.documents`.
"""

from kiosk.documents.access import AccessAttempts, AccessKey, CanKey, MrzKey
from kiosk.documents.errors import (
    AccessDenied,
    AccessKeyRequired,
    CardPulled,
    ChipError,
    DocumentError,
    MalformedDocument,
    ReadCancelled,
    SecureMessagingError,
    UnsupportedCard,
    WrongAccessKey,
)
from kiosk.documents.channel import PlainChannel, SecureChannel
from kiosk.documents.chip_document import ChipDocument
from kiosk.documents.chip_identity import identity_from_document
from kiosk.documents.filesystem import PartialRead
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.dg11 import Dg11
from kiosk.documents.lds.face_image import FaceImage
from kiosk.documents.passive_auth import PassiveAuthResult, PaStatus
from kiosk.documents.reader import ReadOptions, read_document
from kiosk.documents.tlv import TlvError
from kiosk.documents.trust import TrustStore

__all__ = [
    "AccessAttempts",
    "AccessDenied",
    "AccessKey",
    "AccessKeyRequired",
    "CanKey",
    "CardPulled",
    "ChipDocument",
    "ChipError",
    "DataGroup",
    "Dg11",
    "DocumentError",
    "FaceImage",
    "MalformedDocument",
    "MrzKey",
    "PaStatus",
    "PartialRead",
    "PassiveAuthResult",
    "PlainChannel",
    "ReadCancelled",
    "ReadOptions",
    "SecureChannel",
    "SecureMessagingError",
    "TlvError",
    "TrustStore",
    "UnsupportedCard",
    "WrongAccessKey",
    "identity_from_document",
    "read_document",
]
