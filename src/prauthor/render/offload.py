"""Render PDFs in a second process, started early so WeasyPrint loads while specs resolve.

WeasyPrint's import and layout are most of a cold render; on a machine with two or more
cores they run beside the spec work and the other formats instead of after them.
"""

from __future__ import annotations

import multiprocessing
import warnings
from concurrent.futures import Future, ProcessPoolExecutor

from prauthor.document import Document
from prauthor.errors import RenderWarning
from prauthor.render import Options, render


class PdfWorker:
    """One worker process that imports the PDF renderer at once and renders on request."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self.pool = ProcessPoolExecutor(1, mp_context=context, initializer=_load_renderer)
        self.pool.submit(int)  # start the process now, not at the first PDF

    def submit(self, doc: Document, options: Options) -> Future:
        """Start rendering one PDF."""
        return self.pool.submit(_render_pdf, doc, options)

    def close(self) -> None:
        """Stop the worker; outstanding renders are dropped."""
        self.pool.shutdown(wait=False, cancel_futures=True)


def worker_for(formats: list[str]) -> PdfWorker | None:
    """Return a PDF worker when the PDF can run beside other work on its own core."""
    from prauthor.batch import cores

    usable = "pdf" in formats and cores() > 1
    return PdfWorker() if usable and "fork" in multiprocessing.get_all_start_methods() else None


def result(future: Future) -> bytes:
    """Wait for a PDF and pass on the warnings it raised in the worker."""
    data, messages = future.result()
    for message in messages:
        warnings.warn(message, RenderWarning, stacklevel=2)
    return data


def _load_renderer() -> None:
    from prauthor.render import renderer

    renderer("pdf")


def _render_pdf(doc: Document, options: Options) -> tuple[bytes, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RenderWarning)
        data = render(doc, "pdf", options)
    return data, [str(w.message) for w in caught if issubclass(w.category, RenderWarning)]
