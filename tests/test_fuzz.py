"""Fuzz the command line with hostile specs: mutations of the examples and reference specs.

Every run must end in exit 0, 1 (a check failed) or 2 (a located input error): never a
traceback or an internal error, never a hang, nothing written on error, nothing written
outside the output folder, and every output read back by its reader, the same bytes on
a second render.

A short profile runs with the suite. The long one runs on demand:

    PRAUTHOR_FUZZ=long .venv/bin/python -m pytest tests/test_fuzz.py -s

(10,000 specs through validate and check, 1,000 through every format); it prints its
counts, and PRAUTHOR_FUZZ_REPORT=FILE also writes them to FILE as JSON.
"""

from __future__ import annotations

import collections
import io
import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import tinyhtml5
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, REFERENCE, REFERENCE_SPECS
from governance_helpers import make_desk
from prauthor.budget import TimeUp, time_limit
from prauthor.cli import main
from prauthor.spec import Spec
from prauthor.validation import field_names

PROFILES = {"short": (50, 6), "long": (10_000, 1_000)}  # specs through (validate+check, render)
PROFILE = os.environ.get("PRAUTHOR_FUZZ", "short")
CHECKED, RENDERED = PROFILES.get(PROFILE, PROFILES["short"])
HANG_SECONDS = 30  # of CPU: a busy machine slows a run without making it a hang
COUNTS: collections.Counter = collections.Counter()

PIECES = ["[" * 3000, "*x " * 1000, "**x " * 1000, "[a](" * 800, "x" * 3000, "9" * 4400,
          "{{ 1/0 }}", "{% include 'about' %}", "{{ ''.__class__ }}", "{{p body }}", "\u202e",
          "\u2066", "\x85", "\x9b", "\r", "\u2028", "\u2029", "\x00", "\x1b[31m", "\ufeff",
          "\u200b", "&a", "*a", "<script>alert(1)</script>", "]]>", "%s%n", "\t", "—", "😀",
          "../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "http://127.0.0.1/",
          "[x](javascript:alert(1))", "about@²", "about@999999999999", "0001-01-01",
          "9999-12-31", "2026-02-30", "10:00 a.m.", "25:99", "America/New_York",
          "A" * 300, "Etc/GMT+12", "media", "veratrix/media", "../../x/media", "(1,234.5)",
          "$(0.62)", "9" * 30, "١٢٣", "—", "NM", "[^1]", "  indented", "TBD", "lorem ipsum",
          "BEGIN:VEVENT", "\\", "'", '"', "---", "...", "? a", "- x", "{x: y}", "!!int abc"]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
HOSTILE = st.one_of(st.sampled_from(PIECES), TEXT,
                    st.lists(st.sampled_from(PIECES) | TEXT, min_size=2, max_size=4).map("".join))
KEYS = [*sorted(field_names(Spec)), "x", "<<", "", "__class__", "table", "csv"]
VALUES = st.one_of(HOSTILE, HOSTILE, st.integers(-10**45, 10**45), st.floats(), st.booleans(),
                   st.none(), st.dates(), st.lists(HOSTILE, max_size=3),
                   st.dictionaries(st.sampled_from(KEYS), HOSTILE, max_size=3))
SNIPPETS = [b"\nsilence: &a [*a]\n", b"\n? [a]: b\n", b"\n<<: *nothing\n", b"!!int x ",
            b"!!python/object/apply:os.system ['true']\n", b"\x00", b"\xff\xfe", b"\r", b"\t",
            b"\nbody: &b [x, x, x, x]\nappendix: [*b, *b, *b, *b]\n", b"&anchor ", b"*anchor",
            b"\n  - table: {columns: [label], rows: [[a]]}\n", b"\xef\xbb\xbf", b"\n" * 3,
            b"\n  - table: {columns: [label, number], csv: missing.csv}\n", b"[" * 200]
NAMES = ["release.yaml", "...yaml", "x" * 200 + ".yaml", "a b.yaml", "ünï.yaml", "-rf.yaml",
         "--out.yaml", "\u202e.yaml", "a\nb.yaml", ".hidden.yaml", "CON.yaml", "a;b&c.yaml"]
CONFIGS = [b"desk = 5\n", b"[desk]\ncompanies = 5\n",
           b'[desk]\ntemplates = "/etc"\n', b'[desk]\ntemplates = "/"\n',
           b'[desk]\ncompanies = "../.."\n', b'[desk]\nboilerplate = "/tmp"\n',
           b"[check]\nsilence = [1]\n", b'[check]\nsilence = "all-caps"\n', b"check = 3\n",
           b"[desk\n", b"\xff\xfe[desk]\n", b'[wires]\nx = 1\n', b'[wires.mine]\nlike = 5\n',
           b"[style]\nx = 1\n", b"[earnings]\nsafe-harbor = [1]\n", b"[words]\nx = 1\n",
           b'[desk]\ncompanies = "companies"\ntemplates = "templates"\n']


def _seeds() -> list[tuple[str, bytes]]:
    seeds = [("sample", path.read_bytes()) for path in EXAMPLES]
    seeds += [("reference", path.read_bytes()) for path in REFERENCE_SPECS]
    return seeds


SEEDS = _seeds()


def _paths(data, loc=()):
    yield loc
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*loc, index))


def _set(data, loc, value):
    if not loc:
        return value
    parent = data
    for key in loc[:-1]:
        parent = parent[key]
    parent[loc[-1]] = value
    return data


def _delete(data, loc):
    parent = data
    for key in loc[:-1]:
        parent = parent[key]
    del parent[loc[-1]]


@st.composite
def hostile_specs(draw) -> tuple[str, str, bytes, bytes | None]:
    """A (desk kind, file name, spec bytes, prauthor.toml bytes or None) to try."""
    kind, raw = draw(st.sampled_from(SEEDS))
    data = yaml.load(raw, Loader=yaml.BaseLoader)  # every scalar as text, as written
    for _ in range(draw(st.sampled_from([0, 1, 1, 2, 3]))):
        paths = list(_paths(data))
        loc = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "grow"]))
        if action == "replace":
            data = _set(data, loc, draw(VALUES))
        elif action == "delete" and loc:
            _delete(data, loc)
        elif action == "add":
            target = data
            for key in loc:
                target = target[key]
            if isinstance(target, dict):
                target[draw(st.sampled_from(KEYS))] = draw(VALUES)
            elif isinstance(target, list):
                target.append(draw(VALUES))
        elif action == "grow":  # many copies: long lists, wide tables
            data = _set(data, loc, [_value_at(data, loc)] * draw(st.integers(2, 60)))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6).encode()
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # byte-level damage
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "cut", "truncate"]))
        if op == "insert":
            text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
        elif op == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            text = text[:at]
    # Most cases keep a plain name and the desk's own settings, so that they get as far as
    # rendering; the rest try hostile file names and desk configurations.
    name = draw(st.sampled_from(["release.yaml"] * 3) | st.sampled_from(NAMES)
                | TEXT.filter(_file_name).map(lambda s: s + ".yaml"))
    config = draw(st.sampled_from([None] * len(CONFIGS)) | st.sampled_from(CONFIGS))
    return kind, name, text, config


@st.composite
def hostile_texts(draw) -> tuple[str, str, bytes, None]:
    """A seed whose texts (not its structure) are replaced: most of these render."""
    kind, raw = draw(st.sampled_from(SEEDS))
    data = yaml.load(raw, Loader=yaml.BaseLoader)
    texts = [loc for loc in _paths(data) if isinstance(_value_at(data, loc), str)
             and loc and loc[0] in ("headline", "subheadlines", "lead", "body", "appendix")]
    for loc in draw(st.lists(st.sampled_from(texts), min_size=1, max_size=6)):
        data = _set(data, loc, draw(HOSTILE))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6).encode()
    return kind, "release.yaml", text, None


def _value_at(data, loc):
    for key in loc:
        data = data[key]
    return data


def _file_name(text: str) -> bool:
    return bool(text) and "/" not in text and "\x00" not in text and len(text.encode()) < 200


@pytest.fixture(scope="module")
def desks(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("fuzz")
    desks = {"sample": make_desk(root / "sample")}
    if REFERENCE.is_dir():
        shutil.copytree(REFERENCE / "cbmg", root / "reference")
        (root / "reference" / "releases").mkdir(exist_ok=True)
        desks["reference"] = root / "reference"
    return desks


def _listing(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size for p in folder.rglob("*") if "out" not in p.parts}


def _place(desks, kind, name, text, config) -> tuple[Path, Path, bytes | None]:
    desk = desks.get(kind, desks["sample"])
    spec = desk / "releases" / name
    spec.write_bytes(text)
    toml = desk / "prauthor.toml"
    saved = toml.read_bytes() if toml.exists() else None
    if config is not None:
        toml.write_bytes(config)
    return desk, spec, saved


def _restore(desk: Path, spec: Path, saved: bytes | None) -> None:
    spec.unlink(missing_ok=True)
    toml = desk / "prauthor.toml"
    if saved is None:
        toml.unlink(missing_ok=True)
    else:
        toml.write_bytes(saved)
    shutil.rmtree(desk / "out", ignore_errors=True)


def run(capsys, *args) -> tuple[int, str]:
    """Run the CLI in this process; fail on a hang, a traceback or an internal error."""
    capsys.readouterr()
    start = time.perf_counter()
    try:
        with time_limit(HANG_SECONDS):
            code = main([str(a) for a in args])
    except TimeUp:
        pytest.fail(f"prauthor {' '.join(map(str, args))} hung past {HANG_SECONDS} s")
    seconds = time.perf_counter() - start
    err = capsys.readouterr().err
    COUNTS[f"{args[0]} runs"] += 1
    COUNTS[f"{args[0]} exit {code}"] += 1
    COUNTS[f"{args[0]} slowest ms"] = max(COUNTS[f"{args[0]} slowest ms"], int(seconds * 1000))
    if sum(v for k, v in COUNTS.items() if k.endswith(" runs")) % 20 == 0:
        write_report()  # a long run reports as it goes, so that a stopped one still tells
    assert "Traceback" not in err and "internal error" not in err, err
    return code, err


@settings(max_examples=CHECKED, deadline=None, database=None, derandomize=PROFILE == "short",
          suppress_health_check=list(HealthCheck))
@given(case=hostile_specs())
def test_hostile_specs_validate_and_check(desks, capsys, case):
    desk, spec, saved = _place(desks, *case)
    before = _listing(desk.parent)
    try:
        code, _ = run(capsys, "validate", spec)
        assert code in (0, 2)
        code, _ = run(capsys, "check", spec)
        assert code in (0, 1, 2)
        assert _listing(desk.parent) == before  # validate and check write nothing
    finally:
        _restore(desk, spec, saved)


@settings(max_examples=RENDERED, deadline=None, database=None, derandomize=PROFILE == "short",
          suppress_health_check=list(HealthCheck))
@given(case=hostile_specs(), again=st.integers(0, 3))
def test_hostile_specs_render_to_every_format(desks, capsys, case, again):
    check_render(desks, capsys, case, again)


@settings(max_examples=RENDERED, deadline=None, database=None, derandomize=PROFILE == "short",
          suppress_health_check=list(HealthCheck))
@given(case=hostile_texts(), again=st.integers(0, 3))
def test_hostile_texts_render_to_every_format(desks, capsys, case, again):
    check_render(desks, capsys, case, again)


def check_render(desks, capsys, case, again) -> None:
    """Render a case; read every output back; render one in four again, byte for byte."""
    desk, spec, saved = _place(desks, *case)
    before = _listing(desk.parent)
    out = desk / "out"
    try:
        code, _ = run(capsys, "render", spec, "--out", out / "first")
        assert code in (0, 2)
        assert _listing(desk.parent) == before  # nothing written but under --out
        if code != 0:
            assert not out.exists()  # nothing written on error
            return
        files = {p.relative_to(out / "first"): p.read_bytes()
                 for p in (out / "first").rglob("*") if p.is_file()}
        assert {p.parts[0] for p in files} == {spec.stem}
        for path, data in files.items():
            read_back(path, data)
        COUNTS["outputs read back"] += len(files)
        if again == 0:  # one render in four is done twice: the same bytes
            assert run(capsys, "render", spec, "--out", out / "second")[0] == 0
            second = {p.relative_to(out / "second"): p.read_bytes()
                      for p in (out / "second").rglob("*") if p.is_file()}
            assert second == files
            COUNTS["renders repeated, identical"] += 1
    finally:
        _restore(desk, spec, saved)


def read_back(path: Path, data: bytes) -> None:
    """Open an output with the reader of its format."""
    suffix = path.name.rsplit(".", 1)[-1]
    if suffix == "docx":
        from docx import Document

        assert Document(io.BytesIO(data)).paragraphs
    elif suffix == "pdf":
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(data)
            pdf.flush()
            done = subprocess.run(["qpdf", "--check", pdf.name], capture_output=True)
        assert done.returncode == 0, done.stdout + done.stderr
    elif suffix == "html":
        root = tinyhtml5.parse(data.decode("utf-8"))
        assert root.find(".//{http://www.w3.org/1999/xhtml}h1") is not None
    elif suffix == "ics":
        import icalendar

        assert icalendar.Calendar.from_ical(data).walk("VEVENT")
    elif suffix == "txt":
        text = data.decode("utf-8")
        assert not any(ord(c) < 32 and c not in "\n" for c in text)
    elif suffix == "json":
        json.loads(data)


def write_report() -> dict:
    """Return the counts so far, written to PRAUTHOR_FUZZ_REPORT when it is set."""
    COUNTS["peak MB, this process"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    COUNTS["peak MB, largest child"] = (
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
    report = dict(sorted(COUNTS.items()), profile=PROFILE)
    if path := os.environ.get("PRAUTHOR_FUZZ_REPORT"):
        Path(path).write_text(json.dumps(report, indent=1))
    return report


def test_fuzz_counts():
    """Print (and with PRAUTHOR_FUZZ_REPORT, write) what the fuzz runs met."""
    report = write_report()
    print("\nfuzz:", json.dumps(report, indent=1))
    peak, children = report["peak MB, this process"], report["peak MB, largest child"]
    if PROFILE == "long":  # in the short profile, the suite's other tests share the process
        assert peak < 1024 and children < 1024
