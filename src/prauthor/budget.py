"""Bound how long one piece of work may run: a render that never ends is stopped."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BUDGET_VARIABLE = "PRAUTHOR_TIME_LIMIT"
DEFAULT_SECONDS = 20.0  # CPU seconds; a release ten times the usual length takes ~2 s a format


class TimeUp(BaseException):
    """The time budget ran out; a BaseException so that no `except Exception` swallows it."""


def budget_seconds() -> float:
    """Return the budget in seconds: PRAUTHOR_TIME_LIMIT, else 20; 0 turns it off."""
    try:
        return max(float(os.environ.get(BUDGET_VARIABLE, DEFAULT_SECONDS)), 0.0)
    except ValueError:
        return DEFAULT_SECONDS


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeUp in the block once it has used `seconds` of CPU (main thread, POSIX only).

    CPU time, not wall-clock time: a render on a busy machine waits for a core without
    using up its budget; a render that loops forever uses it up all the same.
    """
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_PROF)[0] == 0)  # none running already
    if not usable:
        yield
        return

    def expired(_signum, _frame):
        raise TimeUp

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def die_with_parent(interval: float = 0.5) -> None:
    """In a worker process: exit at once when the process that started it is gone.

    A killed `render` or `build` must not leave a worker rendering on (and growing) alone.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            threading.Event().wait(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
