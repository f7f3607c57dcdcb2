"""Talk to the terminal: colour as the user asked, quiet or verbose, all on standard error.

Standard output carries only what a command was asked to print (a schema, a starter, an
output with `--out -`); progress, notes, warnings and errors go to standard error.
Library code says what it does through the `prauthor` logger: INFO lines are notes (shown
unless `--quiet`), DEBUG lines are details (shown with `--verbose`).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass

import typer

from prauthor.errors import Problem

COLOR_CHOICES = ("auto", "always", "never")
log = logging.getLogger("prauthor")


@dataclass
class Settings:
    """How the user asked the command line to talk."""

    color: bool | None = None  # None: colour when the stream is a terminal
    quiet: bool = False
    verbose: bool = False


settings = Settings()


def color_wanted(choice: str = "auto") -> bool | None:
    """Return True, False or None (decide per stream) for --color; NO_COLOR means never."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):  # https://no-color.org
        return False
    return None


def configure(color: str = "auto", quiet: bool = False, verbose: bool = False) -> Settings:
    """Set how this run talks, and route the `prauthor` logger to standard error."""
    settings.color, settings.quiet, settings.verbose = color_wanted(color), quiet, verbose
    for handler in [h for h in log.handlers if isinstance(h, _Handler)]:
        log.removeHandler(handler)
    log.addHandler(_Handler())
    log.setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)
    log.propagate = False
    return settings


def say(message: str) -> None:
    """Print a progress line (`wrote ...`, `ok ...`) unless --quiet."""
    if not settings.quiet:
        typer.secho(message, err=True, color=settings.color,
                    fg="green" if message.startswith(("ok", "wrote")) else None)


def summary(message: str, bad: bool = False) -> None:
    """Print a command's closing count (`3 releases checked: ...`) unless --quiet."""
    if not settings.quiet:
        typer.secho(message, err=True, fg="red" if bad else "green", color=settings.color)


def warn(messages: list[str | Problem]) -> None:
    """Print warnings (a draft's findings, renderers' notes), each once, in yellow."""
    for message in dict.fromkeys(messages):
        labelled("warning", message)


def error(lines: list[str | Problem]) -> None:
    """Print errors in red, then how many there were."""
    for line in lines:
        labelled("error", line)
    if len(lines) > 1:
        typer.secho(f"{len(lines)} problems", err=True, fg="red", color=settings.color)


COLOURS = {"error": "red", "warning": "yellow", "note": "cyan"}


def labelled(label: str, message: str | Problem, err: bool = True) -> None:
    """Print `file:line: label: message`, as compilers do, so editors can jump to the line.

    Findings `check` was asked for go to standard output (`err=False`), all else to error.
    """
    where, text = (message.where, message.text) if isinstance(message, Problem) \
        else ("", message)
    if where:
        typer.secho(f"{where}: ", err=err, bold=True, nl=False, color=settings.color)
    typer.secho(f"{label}: ", err=err, fg=COLOURS[label], bold=True, nl=False,
                color=settings.color)
    typer.echo(text, err=err, color=settings.color)


def rich_console():
    """Return a rich Console on standard error that follows --color and NO_COLOR."""
    from rich.console import Console

    if settings.color is None:
        return Console(stderr=True)
    return Console(stderr=True, force_terminal=settings.color, no_color=not settings.color)


class _Handler(logging.Handler):
    """Print the logger's notes and details the way the rest of the output looks."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            warn([message])
        elif record.levelno >= logging.INFO:
            labelled("note", message)
        else:
            typer.secho(message, err=True, dim=True, color=settings.color)
        sys.stderr.flush()
