"""What one read of a chip yields: the files' values, and how the read went.

`parse_document` turns the files read into values, each by its own LDS parser; the
reader then adds what it knows of the read itself (access protocol, passive
authentication, APDUs, timings). Kept apart from `reader` so that what uses a read
document (the identity mapping, the CLI's report, the workflow) needs nothing of the
protocol that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.documents.chip_portrait import check_face
from kiosk.documents.errors import MalformedDocument
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.com import ComFile
from kiosk.documents.lds.dg1 import parse_dg1
from kiosk.documents.lds.dg2 import parse_dg2
from kiosk.documents.lds.dg11 import Dg11, parse_dg11
from kiosk.documents.lds.dg13 import Dg13, parse_dg13
from kiosk.documents.lds.face_image import FaceImage
from kiosk.documents.passive_auth import PassiveAuthResult
from kiosk.domain.mrz import Mrz, MrzError, parse_mrz


@dataclass(repr=False)
class ChipDocument:
    mrz: Mrz
    files: dict[DataGroup, bytes]       # raw bytes of every file read, EF.COM and EF.SOD included
    face: FaceImage
    com: ComFile
    dg11: Dg11 | None = None
    dg13: Dg13 | None = None
    access_protocol: str = "none"       # "PACE-ECDH-GM-AES128", "BAC", "none" or "custom"
    passive_auth: PassiveAuthResult | None = None
    apdu_count: int = 0
    bytes_read: int = 0
    timings: dict[str, float] = field(default_factory=dict)   # phase -> seconds
    extended_length: bool = False
    warnings: list[str] = field(default_factory=list)

    def __repr__(self) -> str:  # no personal data in logs or tracebacks
        groups = ",".join(g.name for g in self.files)
        pa = self.passive_auth.status.value if self.passive_auth else "-"
        return (f"ChipDocument(files={groups}, access={self.access_protocol}, pa={pa}, "
                f"apdus={self.apdu_count}, bytes={self.bytes_read})")


def parse_document(files: dict[DataGroup, bytes], com: ComFile, warnings: list[str]) -> ChipDocument:
    """The values of DG1 (its MRZ verified), DG2 (its portrait's header checked before
    anything decodes it: it may state 6 GB of pixels), and DG11 and DG13 when read.

    Appends what the parsers tolerated to `warnings`; raises MalformedDocument.
    """
    try:
        mrz = parse_mrz(parse_dg1(files[DataGroup.DG1]).mrz)
    except MrzError as exc:  # the message may quote the data: keep only the code
        raise MalformedDocument(f"DG1 MRZ is invalid ({exc.code})") from None
    face = parse_dg2(files[DataGroup.DG2])
    check_face(face)
    if face.warning:
        warnings.append(face.warning)
    dg11 = parse_dg11(files[DataGroup.DG11]) if DataGroup.DG11 in files else None
    dg13 = parse_dg13(files[DataGroup.DG13]) if DataGroup.DG13 in files else None
    if dg13 is not None:
        warnings += [f"DG13: {w}" for w in dg13.warnings]
    return ChipDocument(mrz=mrz, files=dict(files), face=face, com=com, dg11=dg11, dg13=dg13,
                        warnings=warnings)
