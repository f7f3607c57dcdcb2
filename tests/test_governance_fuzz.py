"""Hostile library files: lock files, signature files and block ids never crash a check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import require_tool
from governance_helpers import make_desk
from prauthor.errors import InputError
from prauthor.governance.lockfile import read_lock, verify
from prauthor.governance.signatures import verify as verify_signature
from prauthor.library import parse_block


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    return make_desk(tmp_path_factory.mktemp("fuzz") / "desk")


# One desk for every example: each example rewrites the one file it is about.
SHARED_DESK = [HealthCheck.function_scoped_fixture]
ARMOR = "-----BEGIN SSH SIGNATURE-----"
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=20), inner, max_size=4), max_leaves=12)


@settings(max_examples=80, deadline=None, suppress_health_check=SHARED_DESK)
@given(data=st.one_of(st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
                      JSON.map(json.dumps),
                      st.dictionaries(st.text(max_size=30), JSON, max_size=4).map(
                          lambda blocks: json.dumps({"format": 2, "blocks": blocks}))))
def test_any_lock_file_is_read_or_refused_located(desk, data):
    root = desk / "boilerplate"
    (root / "blocks.lock").write_text(data, encoding="utf-8")
    try:
        entries = read_lock(root)
    except InputError as error:
        assert all(p.file == root / "blocks.lock" for p in error.problems)
        return
    assert isinstance(entries, dict)
    for problem in verify(root):  # whatever it names, it says where
        assert problem.file is not None


@settings(max_examples=40, deadline=None, suppress_health_check=SHARED_DESK)
@given(signature=st.binary(max_size=400) | st.text(max_size=400).map(
    lambda t: f"{ARMOR}\n{t}\n-----END SSH SIGNATURE-----\n".encode()))
def test_any_signature_file_is_a_verdict(desk, signature):
    require_tool("ssh-keygen")
    block = parse_block(desk / "boilerplate" / "about" / "v1.md")
    signed = verify_signature(block, desk / "boilerplate", signature)
    assert not signed.ok and signed.detail


@settings(max_examples=120, deadline=None)
@given(block_id=st.text(min_size=1, max_size=20))
def test_a_block_id_is_plain_ascii_or_refused(tmp_path_factory, block_id):
    folder = tmp_path_factory.mktemp("ids") / "x"
    folder.mkdir()
    raw = (f"---\nid: {json.dumps(block_id)}\ntitle: T\nversion: 1\neffective: 2025-01-01\n"
           "status: draft\n---\nText.\n")
    try:
        block = parse_block(folder / "v1.md", raw)
    except InputError:
        return
    assert block.meta.id.isascii() and block.meta.id == block_id
