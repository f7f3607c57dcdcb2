"""Portability: no POSIX-only module on the render path, workers that start by spawn."""

from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLES, ROOT
from prauthor import batch
from prauthor.pipeline import render_all, resolve_all
from prauthor.render import Options
from prauthor.render.offload import PdfWorker


def test_render_and_build_run_without_the_resource_module(tmp_path):
    # Windows has no `resource`; make it unimportable, as it is there.
    code = ("import sys; sys.modules['resource'] = None\n"
            "from prauthor.cli import main\n"
            f"assert main(['render', {str(EXAMPLES[0])!r}, '-f', 'txt',"
            f" '-o', {str(tmp_path)!r}]) == 0\n"
            f"assert main(['build', {str(ROOT / 'examples')!r}, '-f', 'txt', '-j', '1',"
            f" '-o', {str(tmp_path / 'b')!r}]) == 0\n"
            "from prauthor.memory import peak_mb; assert peak_mb() == 0.0\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.rglob("*.txt"))


def test_the_pdf_worker_renders_when_spawned():
    (path, doc), = resolve_all([EXAMPLES[0]])
    worker = PdfWorker("spawn")
    try:
        (release,) = render_all([(path, doc)], ["pdf"], Options(), pdf_worker=worker)
    finally:
        worker.close()
    spawned = release.outputs["pdf"]
    (here,) = render_all([(path, doc)], ["pdf"], Options())
    assert spawned.startswith(b"%PDF-") and spawned == here.outputs["pdf"]


def test_build_workers_run_when_spawned(tmp_path):
    specs = sorted(EXAMPLES)[:2]
    outcomes = list(batch.run(specs, ("txt",), tmp_path, Options(), jobs=2,
                              start_method="spawn"))
    assert sorted(o.status for o in outcomes) == ["rendered", "rendered"], outcomes
    assert all(o.peak_mb > 0 for o in outcomes)
    assert len(list(tmp_path.rglob("*.txt"))) == 2
