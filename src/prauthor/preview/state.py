"""Keep what the preview shows, render it again on every change, and tell the pages.

The HTML page, the text and the findings are published as soon as they are rendered;
the PDF follows from a second process that keeps WeasyPrint loaded. A render that fails
publishes its problems and leaves the last good render in place.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sys
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from prauthor.errors import PrauthorError
from prauthor.preview.draft import Draft, desk_of, render_draft
from prauthor.preview.pages import Pages
from prauthor.preview.watch import Folders, folders, watch
from prauthor.render import Options


@dataclass(frozen=True)
class Shown:
    """What the preview shows now; each change makes a new one with a higher version."""

    version: int = 0
    draft: Draft | None = None  # the last good render
    draft_version: int = 0
    rendered_at: str = ""
    errors: tuple[str, ...] = ()  # why the latest render failed; empty when it did not
    failed_at: str = ""
    pages: Pages | None = None  # the last good PDF
    pdf_version: int = 0
    pdf_error: str = ""
    pdf_warnings: tuple[str, ...] = ()
    pdf_pending: bool = False


class Preview:
    """One release under preview: its renders, its watcher and its listeners."""

    def __init__(self, spec: Path, options: Options, desk_dir: Path | None = None,
                 wire: str | None = None, pdf_worker=None):
        self.spec, self.options, self.desk_dir, self.wire = spec, options, desk_dir, wire
        self.pdf_worker = pdf_worker
        self.shown = Shown()
        self._changed = asyncio.Condition()
        self._dirty = asyncio.Event()
        self._pdf_wanted = asyncio.Event()
        self._closing = asyncio.Event()
        self._tasks: list[asyncio.Task] = []
        self._watching: tuple[Folders, asyncio.Event, asyncio.Task] | None = None

    async def start(self) -> None:
        """Start watching, render once, then render again on every change."""
        self._rewatch()  # first, so that a save during the first render is not missed
        await self._render()
        self._tasks = [asyncio.create_task(self._render_loop()),
                       asyncio.create_task(self._pdf_loop())]
        self._pdf_wanted.set()

    async def stop(self) -> None:
        """Stop watching and rendering; release the listeners."""
        self._closing.set()
        async with self._changed:
            self._changed.notify_all()
        if self._watching:
            self._watching[1].set()
            self._tasks.append(self._watching[2])
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def changed(self) -> None:
        """Note that an input changed: render again as soon as the current render ends."""
        self._dirty.set()

    async def newer_than(self, version: int, timeout: float) -> int | None:
        """Wait until the preview is past `version` (or `timeout` passes); return the
        version now, or None once the preview is stopping."""
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait_for(
                    lambda: self.shown.version > version or self._closing.is_set()), timeout)
        return None if self._closing.is_set() else self.shown.version

    async def _publish(self, **changes) -> None:
        self.shown = replace(self.shown, version=self.shown.version + 1, **changes)
        async with self._changed:
            self._changed.notify_all()

    async def _render_loop(self) -> None:
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            await self._render()

    async def _render(self) -> None:
        try:
            draft = await asyncio.to_thread(render_draft, self.spec, self.options,
                                            self.desk_dir, self.wire)
        except Exception as error:  # the preview outlives any input, and any bug
            await self._publish(errors=tuple(_messages(error)), failed_at=_now())
        else:
            await self._publish(draft=draft, draft_version=self.shown.version + 1, errors=(),
                                rendered_at=_now())
            self._pdf_wanted.set()
        self._rewatch()

    async def _pdf_loop(self) -> None:
        while True:
            await self._pdf_wanted.wait()
            self._pdf_wanted.clear()
            draft = self.shown.draft
            if draft is None:
                continue
            await self._publish(pdf_pending=True)
            try:
                pdf, notes = await self._render_pdf(draft)
                pages = await asyncio.to_thread(Pages, pdf)
            except Exception as error:
                await self._publish(pdf_error="\n".join(_messages(error)), pdf_pending=False)
            else:
                await self._publish(pages=pages, pdf_version=self.shown.version + 1,
                                    pdf_error="", pdf_warnings=tuple(notes),
                                    pdf_pending=self._pdf_wanted.is_set())

    async def _render_pdf(self, draft: Draft) -> tuple[bytes, list[str]]:
        """Render the PDF in the PDF worker, or in a thread where there is none."""
        from concurrent.futures.process import BrokenProcessPool

        if self.pdf_worker is not None:
            try:
                return await asyncio.wrap_future(self.pdf_worker.submit(draft.document,
                                                                        draft.options))
            except BrokenProcessPool:  # the worker died (killed, out of memory): go on here
                self.pdf_worker = None
        return await asyncio.to_thread(_pdf_here, draft)

    def _rewatch(self) -> None:
        """Watch the folders of the release's inputs, again when they change."""
        where = _folders(self.spec, self.desk_dir, self.shown.draft)
        if self._closing.is_set() or (self._watching and self._watching[0] == where):
            return
        if self._watching:
            self._watching[1].set()
        stop = asyncio.Event()
        self._watching = (where, stop, asyncio.create_task(watch(where, self.changed, stop)))


def _folders(spec: Path, desk_dir: Path | None, draft: Draft | None) -> Folders:
    from prauthor.desk import desk_root

    try:
        desk = desk_of(spec, desk_dir)
    except PrauthorError:  # a broken prauthor.toml: watch it until it is fixed
        return Folders(frozenset(), frozenset({spec.resolve().parent,
                                               desk_dir or desk_root(spec.parent)}))
    return folders(spec, desk, draft.csv_files if draft else ())


def _pdf_here(draft: Draft) -> tuple[bytes, list[str]]:
    import warnings

    from prauthor.errors import RenderWarning
    from prauthor.render import render

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RenderWarning)
        data = render(draft.document, "pdf", draft.options)
    return data, [str(w.message) for w in caught if issubclass(w.category, RenderWarning)]


def _messages(error: Exception) -> list[str]:
    """Return what to show for a failed render: each located problem, or the error."""
    if isinstance(error, PrauthorError):
        problems = getattr(error, "problems", None)
        return [str(p) for p in problems] if problems else [str(error)]
    traceback.print_exception(error, file=sys.stderr)
    return [f"internal error: {type(error).__name__}: {error}"]


def _now() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")
