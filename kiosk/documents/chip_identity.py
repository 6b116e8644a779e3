"""The citizen as a chip states them: a read ChipDocument mapped to the workflow's Identity.

Which field wins where the chip says a thing twice is decided here and nowhere else:
the national ID number from DG11, else DG13 (Viet Nam), else the MRZ's optional data read
by the country's rule; the four-digit birth year from DG11 (which must agree with the
MRZ) or from DG13 (used only when it agrees); the name in national script from DG11,
else DG13. The portrait becomes JPEG through `chip_portrait`.
"""

from __future__ import annotations

import re

from kiosk.documents.chip_document import ChipDocument
from kiosk.documents.chip_portrait import face_jpeg
from kiosk.documents.errors import MalformedDocument, UnsupportedCard
from kiosk.identity import Identity, IdentitySource

_NATIONAL_NUMBER = {
    "CHN": re.compile(r"\d{17}[\dX]"),
    "VNM": re.compile(r"\d{12}"),
}


def _national_number(doc: ChipDocument, country: str) -> str:
    """DG11's personal number, else DG13's ID number (Viet Nam), else the MRZ optional
    data read by the country's rule."""
    if doc.dg11 is not None and doc.dg11.personal_number:
        return "".join(doc.dg11.personal_number.replace("<", " ").split()).upper()
    if doc.dg13 is not None and doc.dg13.id_number:
        return doc.dg13.id_number
    optional = doc.mrz.optional_data.replace("<", "")
    pattern = _NATIONAL_NUMBER.get(country.upper())
    if pattern is None:
        return optional
    match = pattern.match(optional)
    return match.group(0) if match else ""


def identity_from_document(doc: ChipDocument, country: str) -> Identity:
    """The citizen as the chip states them; `country` selects the national-number rule.

    Raises UnsupportedCard when the chip carries no national ID number of `country`
    (e.g. a foreign passport), MalformedDocument when DG11 and the MRZ disagree.
    """
    id_number = _national_number(doc, country)
    if not id_number:
        raise UnsupportedCard(f"the chip holds no {country} ID number")
    birth = doc.mrz.birth_date
    if doc.dg11 is not None and doc.dg11.full_date_of_birth is not None:
        if f"{doc.dg11.full_date_of_birth:%y%m%d}" != doc.mrz.birth_date_text:
            raise MalformedDocument("DG11 and the MRZ disagree on the birth date")
        birth = doc.dg11.full_date_of_birth  # four-digit year: no century guess
    elif doc.dg13 is not None and doc.dg13.date_of_birth is not None:
        if f"{doc.dg13.date_of_birth:%y%m%d}" == doc.mrz.birth_date_text:
            birth = doc.dg13.date_of_birth   # DG13 is unverified: used only when it agrees
    name_local = doc.dg11.full_name_text if doc.dg11 is not None else ""
    if not name_local and doc.dg13 is not None:
        name_local = doc.dg13.full_name
    return Identity(
        id_number=id_number,
        surname=doc.mrz.surname,
        given_names=doc.mrz.given_names,
        birth_date=birth,
        sex=doc.mrz.sex,
        nationality=doc.mrz.nationality,
        source=IdentitySource.CHIP,
        document_number=doc.mrz.document_number,
        card_expiry=doc.mrz.expiry_date,
        name_local=name_local,
        reference_photo=face_jpeg(doc.face),
    )
