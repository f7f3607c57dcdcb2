"""Render PDFs in a second process, started early so WeasyPrint loads while specs resolve.

WeasyPrint's import and layout are most of a cold render; on a machine with two or more
cores they run beside the spec work and the other formats instead of after them. The
worker is forked where the platform can fork (it starts at once, sharing what is already
imported) and spawned elsewhere (Windows, macOS): everything it runs is a module-level
function and everything it is sent pickles.
"""

from __future__ import annotations

import atexit
import multiprocessing
import sys
import warnings
from concurrent.futures import Future, ProcessPoolExecutor

from prauthor.document import Document
from prauthor.errors import Problem, RenderWarning
from prauthor.render import Options, render


class PdfWorker:
    """One worker process that imports the PDF renderer at once and renders on request."""

    def __init__(self, start_method: str | None = None):
        context = multiprocessing.get_context(start_method or preferred_start_method())
        self.pool = ProcessPoolExecutor(1, mp_context=context, initializer=_load_renderer)
        self.pool.submit(int)  # start the process now, not at the first PDF

    def submit(self, doc: Document, options: Options) -> Future:
        """Start rendering one PDF."""
        return self.pool.submit(_render_pdf, doc, options)

    def close(self) -> None:
        """Stop the worker; outstanding renders are dropped."""
        self.pool.shutdown(wait=False, cancel_futures=True)


_early: PdfWorker | None = None


def start_early(argv: list[str]) -> None:
    """Start the PDF worker before the command line is parsed, for a `render` whose
    arguments ask for a PDF: WeasyPrint then loads while the rest of prauthor does."""
    global _early
    if _asks_for_pdf(argv) and _usable():
        _early = PdfWorker()
        atexit.register(_early.close)  # the command failed before it took the worker


def _asks_for_pdf(argv: list[str]) -> bool:
    """Tell whether `render ARGS` makes a PDF: every format unless -f/--format says which."""
    named = []
    for index, arg in enumerate(argv):
        if arg in ("-f", "--format") and index + 1 < len(argv):
            named.append(argv[index + 1])
        elif arg.startswith("--format="):
            named.append(arg.partition("=")[2])
        elif arg.startswith("-f") and len(arg) > 2 and not arg.startswith("--"):
            named.append(arg[2:])
    return not named or any("pdf" in value.split(",") for value in named)


def worker_for(formats: list[str]) -> PdfWorker | None:
    """Return a PDF worker when the PDF can run beside other work on its own core."""
    global _early
    early, _early = _early, None
    if early is not None and "pdf" in formats:
        return early
    if early is not None:
        early.close()
    return PdfWorker() if "pdf" in formats and _usable() else None


def _usable() -> bool:
    from prauthor.batch import cores

    return cores() > 1


def preferred_start_method() -> str:
    """Return fork on Linux, spawn elsewhere (macOS's system libraries are not fork-safe)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def result(future: Future) -> bytes:
    """Wait for a PDF and pass on the warnings it raised in the worker."""
    data, messages = future.result()
    for message in messages:
        warnings.warn(message, RenderWarning, stacklevel=2)
    return data


def _load_renderer() -> None:
    from prauthor.budget import die_with_parent
    from prauthor.render import renderer

    die_with_parent()
    renderer("pdf").packaged_fonts()  # the fonts every PDF embeds, read while nothing waits


def _render_pdf(doc: Document, options: Options) -> tuple[bytes, list[Problem | str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RenderWarning)
        data = render(doc, "pdf", options)
    return data, [w.message.args[0] for w in caught if issubclass(w.category, RenderWarning)]
