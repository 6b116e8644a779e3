"""Look-ups at the central ID office that the kiosk needs during a session.

A lost card has no chip, so the identity record and the reference photo for the face
check come from the office; a studio's photo-receipt code resolves to the portrait the
studio uploaded. Production talks to the office's HTTPS contract (a later issue); the
demo's implementations (`kiosk.demo.office`) answer from the specimen citizen and refuse
to run elsewhere.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from kiosk.identity import Identity


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
