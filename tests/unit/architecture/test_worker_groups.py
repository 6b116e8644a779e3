"""The suite's split over workers (tests/workers.py) keeps host-wide resources together."""

from __future__ import annotations

import importlib

from tests import workers


def test_tests_sharing_the_host_go_to_one_worker_files_stay_whole_and_walks_spread():
    assert workers.scope_of("tests/integration/documents/test_emrtd_pcsc.py::test_a[x]") == "pcscd"
    assert workers.scope_of("tests/ui/maintenance/test_maintenance_emulators.py::test_b") == "pcscd"
    assert workers.scope_of("tests/packaging/test_bundle.py::test_c") == "cage"
    assert workers.scope_of("tests/unit/queue/test_x.py::test_d") == "tests/unit/queue/test_x.py"
    walk = "tests/ui/test_screens.py::test_every_state_renders_fits_and_is_touchable[en-large]"
    assert workers.scope_of(walk) == walk


def test_a_host_wide_fixture_outside_its_group_is_named():
    problems = workers.misplaced([
        ("tests/unit/new/test_reader.py::test_e", ("tmp_path", "pcscd")),
        ("tests/integration/boot/test_cage.py::test_f", ("cage",)),
        ("tests/integration/documents/test_workflow_pcsc.py::test_g", ("pcscd",)),
    ])
    assert len(problems) == 1 and "tests/unit/new/test_reader.py" in problems[0]


def test_long_units_are_handed_out_first_and_the_rest_keep_their_order():
    class Item:
        def __init__(self, nodeid):
            self.nodeid = nodeid

    ids = ["tests/unit/a.py::t1", "tests/ui/test_screens.py::w[en]", "tests/unit/b.py::t2",
           "tests/packaging/test_bundle.py::t3"]
    items = [Item(i) for i in ids]
    workers.long_first(items)
    assert [i.nodeid for i in items] == [ids[3], ids[1], ids[0], ids[2]]


def test_glib_warnings_name_a_module_the_controller_can_import():
    from gi import _gi

    module = importlib.import_module(_gi.Warning.__module__)
    assert getattr(module, _gi.Warning.__name__) is _gi.Warning
