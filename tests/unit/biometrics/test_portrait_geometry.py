"""The crop puts the eyes and the head where the document's geometry says, whatever the frame."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from kiosk.biometrics.detection import HEAD_PER_MESH_WIDTH, FaceObservation
from kiosk.biometrics.portrait_crop import (
    CHINA_GA461, ICAO_35X45, PortraitGeometry, crop_inside_fraction, crop_matrix, crop_portrait, encode_jpeg,
    jpeg_dpi,
)


def synthetic_face(cx: float, cy: float, ied: float, roll_deg: float, size=(1280, 720)) -> FaceObservation:
    """Just the landmarks the geometry uses: iris centres and the mesh's sides."""
    lm = np.zeros((478, 3), np.float32)
    ux, uy = math.cos(math.radians(roll_deg)), math.sin(math.radians(roll_deg))
    def at(along: float, down: float = 0.0):
        return (cx + along * ux - down * uy, cy + along * uy + down * ux, 0.0)
    lm[468] = at(-ied / 2)      # subject's right eye, image left
    lm[473] = at(ied / 2)
    lm[234] = at(-ied * 1.05, ied * 0.4)
    lm[454] = at(ied * 1.05, ied * 0.4)
    lm[10] = at(0, -ied * 1.1)
    lm[152] = at(0, ied * 1.5)
    return FaceObservation(lm, size)


def apply(matrix: np.ndarray, point) -> np.ndarray:
    return matrix[:, :2] @ np.asarray(point[:2], np.float64) + matrix[:, 2]


@given(cx=st.floats(200, 1000), cy=st.floats(150, 500), ied=st.floats(30, 250), roll=st.floats(-30, 30),
       geometry=st.sampled_from([CHINA_GA461, ICAO_35X45]))
def test_eyes_land_on_the_eye_line_level_and_the_head_has_its_width(cx, cy, ied, roll, geometry):
    face = synthetic_face(cx, cy, ied, roll)
    m = crop_matrix(face, geometry)
    right, left = apply(m, face.landmarks[468]), apply(m, face.landmarks[473])
    mid = (right + left) / 2
    assert mid[0] == pytest.approx(geometry.width_px / 2, abs=1e-3)
    assert mid[1] == pytest.approx(geometry.eye_line_px, abs=1e-3)
    assert right[1] == pytest.approx(left[1], abs=1e-3)          # eyes levelled
    sides = apply(m, face.landmarks[454]) - apply(m, face.landmarks[234])
    assert np.hypot(*sides) * HEAD_PER_MESH_WIDTH == pytest.approx(geometry.head_width_px, rel=1e-5)


def test_crop_has_the_exact_size_and_dpi():
    frame = np.full((720, 1280, 3), 128, np.uint8)
    face = synthetic_face(640, 300, 110, 3)
    portrait = crop_portrait(frame, face, CHINA_GA461)
    assert portrait.shape == (441, 358, 3)
    assert jpeg_dpi(encode_jpeg(portrait, 350)) == (350, 350)


def test_inside_fraction_drops_when_the_face_nears_an_edge():
    centred = synthetic_face(640, 300, 110, 0)
    edge = synthetic_face(60, 300, 110, 0)
    assert crop_inside_fraction(centred, CHINA_GA461) == pytest.approx(1.0)
    assert crop_inside_fraction(edge, CHINA_GA461) < 0.8


@pytest.mark.parametrize("kwargs", [
    dict(width_px=358, height_px=441, dpi=350, head_width_px=400, eye_line_px=150),
    dict(width_px=358, height_px=441, dpi=350, head_width_px=207, eye_line_px=500),
    dict(width_px=0, height_px=441, dpi=350, head_width_px=207, eye_line_px=150),
])
def test_impossible_geometries_are_refused(kwargs):
    with pytest.raises(ValueError):
        PortraitGeometry(**kwargs)


def test_ga461_size_in_millimetres():
    w, h = CHINA_GA461.size_mm
    assert w == pytest.approx(26.0, abs=0.1) and h == pytest.approx(32.0, abs=0.1)
