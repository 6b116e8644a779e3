"""Identity documents with a chip (ICAO 9303 eMRTD: passports and TD1 ID cards).

Protocol, transport and data stay apart, as in JMRTD:
  * data (bytes in, values out): `tlv`, `lds` (EF.COM, DG1, DG2 incl. ISO 19794-5 and
    39794-5 faces, DG11), `dg13` (Viet Nam's national data), `sod` (EF.SOD),
    `card_access` (EF.CardAccess), `capabilities` (ATR, EF.ATR/INFO), `apdu`;
  * protocol: `access` (MRZ/CAN keys, attempts), `crypto`, `secure_messaging` (wrap and
    unwrap only), `bac`, `pace`, `channel` (sends APDUs), `filesystem` (reads files);
  * trust: `signatures`, `trust` (CSCA folder, master lists), `passive_auth`;
  * `reader.read_document` puts them in order and `identity_from_document` makes the
    workflow's `Identity`. The demo card is built in `kiosk.demo.specimen`; `kiosk card
    read` is `launcher.commands.documents`.
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
from kiosk.documents.filesystem import PartialRead
from kiosk.documents.lds import DataGroup, Dg11, FaceImage
from kiosk.documents.passive_auth import PassiveAuthResult, PaStatus
from kiosk.documents.reader import (
    ChipDocument,
    PlainChannel,
    ReadOptions,
    SecureChannel,
    identity_from_document,
    read_document,
)
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
