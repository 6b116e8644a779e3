"""The demo's central office: a registry and a studio that answer from the specimen citizen.

A lost card has no chip, so the demo registry answers every well-formed ID number with
the specimen citizen under that number (born as the number says), or with the record of
a fictitious citizen enrolled by `kiosk simulate` under theirs; the demo studio
resolves any photo-receipt code of 8 or more digits to the specimen's portrait; the demo
e-ID issuer vouches for the specimen citizen for any e-ID-shaped code. All three refuse
to be built outside demo mode: they would hand any typed number or code an identity.
"""

from __future__ import annotations

import datetime as dt

from kiosk.identity import Identity, IdentitySource
from kiosk.office import EidCodes, ReferenceRegistry, StudioPhotos


class DemoRegistry(ReferenceRegistry):
    """Answers every well-formed number with the specimen citizen under that number."""

    def __init__(self, mode: str, specimen: Identity, today: dt.date) -> None:
        if mode != "demo":
            raise RuntimeError("the demo registry can only run in demo mode")
        self._specimen = specimen
        self._today = today
        self._enrolled: dict[str, Identity] = {}

    def enrol(self, record: Identity) -> None:
        """Answer `record.id_number` with `record` (a fictitious citizen of a simulated day)."""
        self._enrolled[record.id_number] = record

    def lookup(self, id_number: str) -> Identity | None:
        from kiosk.domain.id_numbers import parse_id_number

        parsed = parse_id_number(id_number, self._specimen.nationality)
        if parsed.number in self._enrolled:
            return self._enrolled[parsed.number]
        birth = getattr(parsed, "birth_date", None) or self._specimen.birth_date
        sex = getattr(parsed, "sex", self._specimen.sex)
        s = self._specimen
        return Identity(
            id_number=parsed.number,
            surname=s.surname,
            given_names=s.given_names,
            birth_date=birth,
            sex=sex,
            nationality=s.nationality,
            source=IdentitySource.TYPED_NUMBER,
            document_number=s.document_number,
            card_expiry=self._today + dt.timedelta(days=45),
            name_local=s.name_local,
            reference_photo=s.reference_photo,
        )


class DemoStudioPhotos(StudioPhotos):
    """Codes of 8 or more digits resolve to the specimen portrait; others are unknown."""

    def __init__(self, mode: str, portrait_jpeg: bytes) -> None:
        if mode != "demo":
            raise RuntimeError("the demo studio service can only run in demo mode")
        self._portrait = portrait_jpeg

    def fetch(self, code: str) -> bytes | None:
        return self._portrait if code.isdigit() and len(code) >= 8 else None


class DemoEid(EidCodes):
    """Any code vouches for the specimen citizen (the kiosk already checked its shape)."""

    def __init__(self, mode: str, specimen: Identity, today: dt.date) -> None:
        if mode != "demo":
            raise RuntimeError("the demo e-ID issuer can only run in demo mode")
        self._specimen = specimen
        self._today = today

    def verify(self, code: str) -> Identity | None:
        import dataclasses

        return dataclasses.replace(self._specimen, source=IdentitySource.EID,
                                   card_expiry=self._today + dt.timedelta(days=45))
