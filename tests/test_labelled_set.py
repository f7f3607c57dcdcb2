"""The labelled set (scripts/labelled_checks.py): no false error, no miss, on any rule."""

from __future__ import annotations

import importlib.util

from conftest import ROOT, SHARED


def test_the_labelled_set_has_no_false_error_and_no_miss(needs_shared):
    loaded = importlib.util.spec_from_file_location("labelled_checks",
                                                    ROOT / "scripts" / "labelled_checks.py")
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    table, notes = module.measure(SHARED)
    assert sum(c["false errors"] + c["misses"] for c in table.values()) == 0, notes
    assert table["safe-harbor"]["removals"] >= 9 and table["proxy-legends"]["removals"] >= 4
    assert table["about"]["releases"] == len(module.labelled_specs(SHARED)) >= 11
    assert table["file-date"]["removals"] == table["about"]["releases"]
