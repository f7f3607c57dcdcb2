"""`prauthor review`: counsel's Word edits, located in the spec and its blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from prauthor.errors import InputError

KINDS = {"change": "change", "comment": "comment", "unplaced": "cannot place"}
COLORS = {"change": "green", "comment": "cyan", "unplaced": "red"}


def review_command(
    reviewed: Annotated[Path, typer.Argument(help="the DOCX counsel edited (tracked changes "
                                             "and comments)", show_default=False)],
    spec: Annotated[Path, typer.Argument(help="the release spec it was rendered from",
                                         show_default=False)],
    apply: Annotated[bool, typer.Option("--apply", help="write the changes back: into the "
                                        "spec, and into a new draft version of each edited "
                                        "block")] = False,
    desk: Annotated[Path | None, typer.Option("--desk", help="use this desk instead of finding "
                                              "one from the spec's folder")] = None,
) -> None:
    """List every tracked change and comment of a reviewed DOCX, located in the spec."""
    from dataclasses import replace

    from prauthor.pipeline import resolve_loaded, warnings_of, with_desk
    from prauthor.render import Options, render
    from prauthor.render.docx import KIND, WIRE
    from prauthor.review.docxread import read
    from prauthor.review.review import review

    if not reviewed.is_file():
        raise InputError.one("REVIEWED", f"no such file: {reviewed}")
    properties = read(reviewed).properties
    draft = properties.get(KIND, "draft") != "final"
    # The same wire as the render, so that the dateline is the one counsel read.
    resolved = resolve_loaded([spec], desk, properties.get(WIRE))
    [(loaded, doc)] = resolved
    options = replace(with_desk(Options(draft=draft), spec, desk),
                      warnings=warnings_of(resolved)[loaded.source.path] if draft else ())
    expected = render(doc, "docx", options)
    done = review(reviewed, loaded, doc, expected)
    for item in done.items:
        _say(item)
    counts = {kind: sum(i.kind == kind for i in done.items) for kind in KINDS}
    typer.echo(f"{counts['change']} change(s), {counts['comment']} comment(s), "
               f"{counts['unplaced']} that cannot be placed")
    if apply:
        _apply(done)


def _say(item) -> None:
    typer.secho(f"{KINDS[item.kind]}: ", fg=COLORS[item.kind], bold=True, nl=False)
    who = f" ({item.who})" if item.who else ""
    typer.echo(f"{item.where}: {item.what}{who}")


def _apply(done) -> None:
    from prauthor.cli import say
    from prauthor.review.apply import planned
    from prauthor.save import write_all

    files, said = planned(done)
    if not files:
        typer.echo("nothing to write: comments are listed, not applied")
        return
    write_all(files)
    for line in said:
        say(f"wrote {line}")


def redline_command(
    paths: Annotated[list[Path], typer.Argument(
        metavar="OLD NEW", help="the older draft (a spec, or the output folder of an earlier "
        "render) and the newer spec; with --since, the spec alone", show_default=False)],
    since: Annotated[str | None, typer.Option("--since", metavar="REV", help="compare the "
                                              "spec with its version at this git revision")
                     ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="the redline file (default: "
                                             "out/SLUG/SLUG.redline.docx)")] = None,
    author: Annotated[str | None, typer.Option(help="the name the changes carry (default: "
                                               "the company)")] = None,
    desk: Annotated[Path | None, typer.Option("--desk", help="use this desk instead of finding "
                                              "one from the spec's folder")] = None,
) -> None:
    """Write the newer draft's DOCX with Word tracked changes against the older one."""
    from prauthor.cli import say
    from prauthor.review.against import redline_files

    if since is not None and len(paths) != 1:
        raise InputError.one("OLD NEW", "with --since, name only the spec")
    if since is None and len(paths) != 2:
        raise InputError.one("OLD NEW", "name the older draft and the newer spec, or one spec "
                             "and --since REV")
    old, new = (None, paths[0]) if since is not None else (paths[0], paths[1])
    path, data = redline_files(old, new, since, out, author, desk)
    from prauthor.save import write_all

    write_all({path: data})
    say(f"wrote {path}")
