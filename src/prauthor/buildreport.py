"""Show a build's progress and its closing summary table in the terminal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from prauthor import console as terminal
from prauthor.batch import Outcome
from prauthor.console import rich_console

STYLE = {"rendered": "green", "skipped": "dim", "failed": "bold red"}


def report_build(outcomes: Iterable[Outcome], total: int) -> bool:
    """Show progress while releases finish, then the summary; return True on any failure.

    With --quiet, only the releases' warnings and failures are shown.
    """
    console = rich_console()
    quiet = terminal.settings.quiet
    done: list[Outcome] = []
    columns = (TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=quiet) as progress:
        task = progress.add_task("build", total=total)
        for outcome in outcomes:
            done.append(outcome)
            progress.advance(task)
    terminal.warn([line for o in sorted(done, key=lambda o: str(o.spec)) for line in o.warnings])
    if not quiet:
        console.print(summary(done))
    for failed in (o for o in done if o.status == "failed"):
        # soft_wrap: a path or message is never broken across lines, so it can be copied.
        console.print(f"[bold red]failed[/] {escape(str(failed.spec))}:\n"
                      f"{escape(failed.message)}", highlight=False, soft_wrap=True)
    counts = Counter(o.status for o in done)
    line = ", ".join(f"{counts[s]} {s}" for s in ("rendered", "skipped", "failed"))
    terminal.summary(f"{len(done)} releases: {line}", bad=counts["failed"] > 0)
    return counts["failed"] > 0


def summary(outcomes: list[Outcome]) -> Table:
    """Return the closing table: one row a release, failures last."""
    table = Table(title="prauthor build", show_lines=False)
    for column, justify in (("release", "left"), ("status", "left"), ("seconds", "right"),
                            ("peak MB", "right"), ("note", "left")):
        table.add_column(column, justify=justify, overflow="ellipsis", no_wrap=True)
    order = {"rendered": 0, "skipped": 1, "failed": 2}
    for o in sorted(outcomes, key=lambda o: (order[o.status], str(o.spec))):
        table.add_row(o.spec.name, f"[{STYLE[o.status]}]{o.status}[/]", f"{o.seconds:.2f}",
                      f"{o.peak_mb:.0f}" if o.peak_mb else "", escape(o.message.split("\n")[0]))
    return table
