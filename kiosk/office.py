"""Look-ups at the central ID office that the kiosk needs during a session.

A lost card has no chip, so the identity record and the reference photo for the face
check come from the office; a studio's photo-receipt code resolves to the portrait the
studio uploaded. Production talks to the office's HTTPS contract (a later issue); the
demo implementations answer from the specimen citizen and refuse to run elsewhere.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod

from kiosk.identity import Identity, IdentitySource


class OfficeUnavailable(Exception):
    """The office could not be asked (no network, not configured)."""


class ReferenceRegistry(ABC):
    @abstractmethod
    def lookup(self, id_number: str) -> Identity | None:
        """The office's record for this number, with its reference photo, or None."""


class StudioPhotos(ABC):
    @abstractmethod
    def fetch(self, code: str) -> bytes | None:
        """The JPEG an accredited studio registered under this photo-receipt code, or None."""


class UnusablePhoto(Exception):
    """The office or a studio answered with a photo that can be no portrait: its header
    states an enormous size, or it is damaged or of another format."""


def check_portrait(photo: bytes) -> None:
    """UnusablePhoto unless the photo's header states a portrait-sized JPEG, JPEG 2000 or
    PNG. Nothing is decoded: the screens and the face matcher decode it later, and a
    decoder allocates whatever the header states."""
    from hardware.images import PORTRAIT, ImageRefused, read_header

    try:
        read_header(photo, PORTRAIT)
    except ImageRefused as exc:
        raise UnusablePhoto(str(exc)) from None


class PhotoCheckingRegistry(ReferenceRegistry):
    """Any registry, with the reference photo of its answers checked (`check_portrait`)."""

    def __init__(self, inner: ReferenceRegistry) -> None:
        self.inner = inner

    def lookup(self, id_number: str) -> Identity | None:
        identity = self.inner.lookup(id_number)
        if identity is not None and identity.reference_photo:
            check_portrait(identity.reference_photo)
        return identity


class PhotoCheckingStudio(StudioPhotos):
    """Any studio photo service, with the photos it returns checked (`check_portrait`)."""

    def __init__(self, inner: StudioPhotos) -> None:
        self.inner = inner

    def fetch(self, code: str) -> bytes | None:
        photo = self.inner.fetch(code)
        if photo:
            check_portrait(photo)
        return photo


class UnconfiguredRegistry(ReferenceRegistry):
    def lookup(self, id_number: str) -> Identity | None:
        raise OfficeUnavailable("no office registry is configured on this kiosk")


class UnconfiguredStudioPhotos(StudioPhotos):
    def fetch(self, code: str) -> bytes | None:
        raise OfficeUnavailable("no studio photo service is configured on this kiosk")


class DemoRegistry(ReferenceRegistry):
    """Answers every well-formed number with the specimen citizen under that number."""

    def __init__(self, mode: str, specimen: Identity, today: dt.date) -> None:
        if mode != "demo":
            raise RuntimeError("the demo registry can only run in demo mode")
        self._specimen = specimen
        self._today = today

    def lookup(self, id_number: str) -> Identity | None:
        from kiosk.domain.id_numbers import parse_id_number

        parsed = parse_id_number(id_number, self._specimen.nationality)
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
