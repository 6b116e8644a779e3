"""Look-ups at the central ID office that the kiosk needs during a session.

A lost card has no chip, so the identity record and the reference photo for the face
check come from the office; a studio's photo-receipt code resolves to the portrait the
studio uploaded; a national e-ID app's short-lived code resolves to the identity its
issuer vouches for. Production talks to the office's HTTPS contract
(resources/api/office.openapi.yaml, `kiosk.office_client`); the demo's implementations
(`kiosk.demo.office`) answer from the specimen citizen and refuse to run elsewhere.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from enum import StrEnum

from kiosk.identity import Identity, SealedIdentity


class OfficeFailure(StrEnum):
    """Why the office gave no answer, as far as it changes what the citizen can do now."""

    UNREACHABLE = "unreachable"     # refused, no route, name unknown, connection cut
    SLOW = "slow"                   # no answer within the timeout
    ERROR = "error"                 # 5xx, or an answer that breaks the contract
    BUSY = "busy"                   # 429 / 503: a later try may work
    CERTIFICATE = "certificate"     # TLS refused: the office's certificate or ours
    UNCONFIGURED = "unconfigured"   # this kiosk has no office look-ups


class OfficeUnavailable(Exception):
    """The office could not be asked, or gave no usable answer; `failure` says how."""

    def __init__(self, message: str, failure: OfficeFailure = OfficeFailure.UNREACHABLE) -> None:
        super().__init__(message)
        self.failure = failure


class ReferenceRegistry(ABC):
    # True for an office that answers a look-up with the photo only (`seal` overridden).
    releases_after_match = False

    @abstractmethod
    def lookup(self, id_number: str) -> Identity | None:
        """The office's record for this number, with its reference photo, or None.

        For in-memory registries (the demo office, tests); the workflow asks `seal`."""

    def seal(self, id_number: str) -> SealedIdentity:
        """What the face check needs for this number, the record closed until a match.

        An office that releases the record only after a match (the HTTPS client)
        overrides this: its answer holds the photo and a way to ask for the record."""
        return SealedIdentity(self.lookup(id_number))


class StudioPhotos(ABC):
    @abstractmethod
    def fetch(self, code: str) -> bytes | None:
        """The JPEG an accredited studio registered under this photo-receipt code, or None."""


class EidCodes(ABC):
    """Verification of the codes national e-ID apps show (VNeID and the like)."""

    @abstractmethod
    def verify(self, code: str) -> Identity | None:
        """The identity the code vouches for, with its reference photo; None when the
        issuer does not know the code, or it expired or was used. Blocking."""


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

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()

    def lookup(self, id_number: str) -> Identity | None:
        identity = self.inner.lookup(id_number)
        if identity is not None and identity.reference_photo:
            check_portrait(identity.reference_photo)
        return identity

    def seal(self, id_number: str) -> SealedIdentity:
        if not self.inner.releases_after_match:
            return super().seal(id_number)   # the whole record, through `lookup` above
        sealed = self.inner.seal(id_number)
        photo = sealed.reference_photo()
        if photo:
            check_portrait(photo)
        return sealed


class PhotoCheckingStudio(StudioPhotos):
    """Any studio photo service, with the photos it returns checked (`check_portrait`)."""

    def __init__(self, inner: StudioPhotos) -> None:
        self.inner = inner

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()

    def fetch(self, code: str) -> bytes | None:
        photo = self.inner.fetch(code)
        if photo:
            check_portrait(photo)
        return photo


class PhotoCheckingEid(EidCodes):
    """Any e-ID verifier, with the reference photo of its answers checked (`check_portrait`)."""

    def __init__(self, inner: EidCodes) -> None:
        self.inner = inner

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()

    def verify(self, code: str) -> Identity | None:
        identity = self.inner.verify(code)
        if identity is not None:
            if not identity.reference_photo:
                # No photo, no face check: an identity that cannot be checked is no answer.
                raise UnusablePhoto("the e-ID answer carries no reference photo")
            check_portrait(identity.reference_photo)
        return identity


class UnconfiguredRegistry(ReferenceRegistry):
    def lookup(self, id_number: str) -> Identity | None:
        raise OfficeUnavailable("no office registry is configured on this kiosk", OfficeFailure.UNCONFIGURED)


class UnconfiguredStudioPhotos(StudioPhotos):
    def fetch(self, code: str) -> bytes | None:
        raise OfficeUnavailable("no studio photo service is configured on this kiosk", OfficeFailure.UNCONFIGURED)


class UnconfiguredEid(EidCodes):
    def verify(self, code: str) -> Identity | None:
        raise OfficeUnavailable("no e-ID verification is configured on this kiosk", OfficeFailure.UNCONFIGURED)
