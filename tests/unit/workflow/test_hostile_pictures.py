"""Pictures from outside that declare enormous sizes never reach a decoder in a session.

The chip's portrait is refused when the chip is read (a malformed chip: the usual
"could not read the chip" message and its attempts); the office's reference photo and a
studio's photo are refused where they enter, before a screen or the face matcher decodes
them. The hostile pictures are JPEGs declaring 16000 x 16000 pixels (under 1 KB).
"""

from __future__ import annotations

import dataclasses

import pytest

from hardware.card_reader.simulated import SimulatedChip
from launcher.services import build_services
from kiosk.documents.lds import DataGroup
from kiosk.documents.lds.dg2 import build_dg2
from kiosk.documents.lds.sod import build_sod
from kiosk.demo.specimen import make_specimen_files, specimen_identity
from kiosk.demo.specimen_pki import specimen_pki
from kiosk.domain.cases import Case
from kiosk.demo.office import DemoRegistry, DemoStudioPhotos
from kiosk.workflow.states import State
from tests.conftest import FIXED_NOW
from tests.hostile_images import jpeg_declaring

TODAY = FIXED_NOW.date()
BOMB = jpeg_declaring(16000, 16000)



def _specimen_chip_with_portrait(image: bytes) -> SimulatedChip:
    """The demo specimen's chip with another portrait, its EF.SOD signed over it."""
    files = make_specimen_files(TODAY)
    groups = {g: files[g.fid] for g in (DataGroup.DG1, DataGroup.DG2, DataGroup.DG11)}
    groups[DataGroup.DG2] = build_dg2(image, 240, 320)
    pki = specimen_pki("CHN")
    files[DataGroup.DG2.fid] = groups[DataGroup.DG2]
    files[DataGroup.SOD.fid] = build_sod(groups, pki.dsc.key, pki.dsc.certificate)
    return SimulatedChip(files)


def test_a_chip_portrait_declaring_too_many_pixels_is_a_chip_read_failure(wf) -> None:
    wf.services.card_reader.present(_specimen_chip_with_portrait(BOMB))
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    assert wf.state is State.IDENTIFY
    assert wf.session.problem is not None and wf.session.problem.code == "card_read_failed"
    assert wf.session.identity is None


def test_the_production_services_check_office_and_studio_photos(demo_cfg, session_tmp) -> None:
    from kiosk.office import PhotoCheckingRegistry, PhotoCheckingStudio

    services = build_services(demo_cfg, today=TODAY)
    try:
        assert isinstance(services.registry, PhotoCheckingRegistry)
        assert isinstance(services.studio, PhotoCheckingStudio)
    finally:
        services.close()


def test_an_office_record_whose_photo_declares_too_many_pixels_is_not_used(wf) -> None:
    from kiosk.office import PhotoCheckingRegistry, UnusablePhoto

    record = dataclasses.replace(specimen_identity(TODAY), reference_photo=BOMB)
    wf.services.registry = PhotoCheckingRegistry(DemoRegistry("demo", record, TODAY))
    with pytest.raises(UnusablePhoto, match="256 million pixels"):
        wf.services.registry.lookup(record.id_number)
    wf.start("en")
    wf.choose_case(Case.LOST)
    wf.agree()
    wf.submit_id_number(record.id_number)
    assert wf.state is State.IDENTIFY and wf.session.identity is None
    assert wf.session.problem is not None and wf.session.problem.code == "office_unreachable"


def test_a_studio_photo_declaring_too_many_pixels_is_not_used() -> None:
    from kiosk.office import PhotoCheckingStudio, UnusablePhoto

    studio = PhotoCheckingStudio(DemoStudioPhotos("demo", BOMB))
    with pytest.raises(UnusablePhoto, match="256 million pixels"):
        studio.fetch("12345678")
    assert PhotoCheckingStudio(DemoStudioPhotos("demo", specimen_identity(TODAY).reference_photo)).fetch("12345678")


def test_a_studio_code_whose_photo_declares_too_many_pixels_leaves_the_portrait_step(wf) -> None:
    from kiosk.office import PhotoCheckingStudio

    wf.services.studio = PhotoCheckingStudio(DemoStudioPhotos("demo", BOMB))
    wf.start("en")
    wf.choose_case(Case.EXPIRING)
    wf.agree()
    wf.proceed()
    assert wf.state is State.PORTRAIT, wf.session.problem
    wf.use_studio_code("12345678")
    assert wf.state is State.PORTRAIT and wf.session.portrait is None
    # Said as a studio photo the office cannot give now: the camera here is the way on.
    assert wf.session.problem is not None and wf.session.problem.code == "studio_unavailable"
