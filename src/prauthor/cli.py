"""The command line: parse options, call the library, report errors in one place."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated

import typer

from prauthor import __version__
from prauthor.errors import InputError, PrauthorError, RenderWarning
from prauthor.governance.blocks_cli import blocks_app
from prauthor.governance.commands import check_command, verify_command
from prauthor.review.commands import redline_command, review_command

app = typer.Typer(
    name="prauthor", no_args_is_help=True, add_completion=False,
    pretty_exceptions_enable=False,
    help="Write a press release once; render DOCX, PDF, HTML and newswire text.",
)

SpecPaths = Annotated[list[Path], typer.Argument(help="release spec files (YAML)",
                                                 show_default=False)]
DeskOption = Annotated[Path | None, typer.Option("--desk", help="use this desk instead of "
                                                 "finding one from the spec's folder")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"prauthor {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="print the version and exit")] = False):
    """Write a press release once; render DOCX, PDF, HTML and newswire text."""


@app.command("render")
def render_command(
    specs: SpecPaths,
    formats: Annotated[str, typer.Option("--format", "-f", help="comma-separated formats")] = "",
    wire: Annotated[str | None, typer.Option(help="render for this wire, not the spec's")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder")] = Path("out"),
    wrap: Annotated[int | None, typer.Option(help="newswire text: wrap lines at N columns")] = None,
    ascii_only: Annotated[bool, typer.Option("--ascii", help="newswire text: ASCII only")] = False,
    desk: DeskOption = None,
    final: Annotated[bool, typer.Option("--final", help="a final release: refuse drafts, "
                                        "placeholders and failed checks; no DRAFT marks, "
                                        "review comments or review record")] = False,
    line_numbers: Annotated[bool, typer.Option("--line-numbers", help="DOCX: number the lines "
                                               "so counsel can cite one")] = False,
    paper: Annotated[str, typer.Option(help="html/pdf page size: letter or a4")] = "letter",
    pdf_variant: Annotated[str | None, typer.Option(
        help="pdf/a-3b (archive copy, spec attached) or pdf/ua-1 (tagged)")] = None,
    strict: Annotated[bool, typer.Option(help="treat render warnings as errors")] = False,
) -> None:
    """Validate specs, merge their blocks and write every format to OUT/<slug>/."""
    from prauthor.pipeline import build
    from prauthor.render import PDF_VARIANTS, Options, default_formats

    _check_paper(paper)
    if pdf_variant is not None and pdf_variant not in PDF_VARIANTS:
        raise InputError.one("--pdf-variant", f"unknown PDF variant '{pdf_variant}' "
                             f"(known: {', '.join(PDF_VARIANTS)})")
    names = [f.strip() for f in formats.split(",") if f.strip()] or default_formats()
    options = Options(wrap=wrap, ascii=ascii_only, draft=not final, line_numbers=line_numbers,
                      paper=paper, pdf_variant=pdf_variant, strict=strict)
    for path in build(specs, names, out, options, desk, wire, warn=warn, parallel=True):
        say(f"wrote {path}")


@app.command("preview")
def preview_command(
    spec: Annotated[Path, typer.Argument(help="the release spec (YAML)", show_default=False)],
    wire: Annotated[str | None, typer.Option(help="show it for this wire, not the spec's")] = None,
    final: Annotated[bool, typer.Option("--final", help="show the final release: no DRAFT "
                                        "marks; findings graded as for --final")] = False,
    paper: Annotated[str, typer.Option(help="html/pdf page size: letter or a4")] = "letter",
    desk: DeskOption = None,
    host: Annotated[str, typer.Option(help="address to listen on; anything but loopback lets "
                                      "other machines read the release")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on (0: any free one)")] = 8765,
) -> None:
    """Serve a live preview: the HTML page, the PDF pages, the newswire text and the check
    findings side by side, rendered again whenever the release or its desk changes."""
    from prauthor.errors import problem
    from prauthor.preview.app import bind, is_loopback, serve, url
    from prauthor.preview.state import Preview
    from prauthor.render import Options
    from prauthor.render.offload import worker_for

    _check_paper(paper)
    if not spec.is_file():
        raise problem(spec, None, "", "no such file")
    _check_wire(spec, desk, wire)
    if not 0 <= port <= 65535:
        raise InputError.one("--port", f"{port}: a port from 0 to 65535")
    sock = bind(host, port)
    if not is_loopback(host):
        warn([f"--host {host}: any machine that reaches this one can read the release"])
    say(f"preview of {spec} at {url(sock)} (Ctrl-C stops it)")
    pdf_worker = worker_for(["pdf"])  # forked now, before the server starts its threads
    try:
        serve(Preview(spec, Options(draft=not final, paper=paper), desk, wire, pdf_worker), sock)
    except KeyboardInterrupt:  # the server has shut down; Ctrl-C is how a preview ends
        say("preview stopped")
    finally:
        if pdf_worker:
            pdf_worker.close()


def _check_wire(spec: Path, desk: Path | None, wire: str | None) -> None:
    """Refuse a --wire the spec's desk does not know (a broken desk is the page's to show)."""
    from prauthor.preview.draft import desk_of
    from prauthor.wires import unknown_wire

    try:
        wires = desk_of(spec, desk).wires
    except PrauthorError:
        return
    if wire is not None and wire not in wires:
        raise InputError.one("--wire", unknown_wire(wire, wires))


def _check_paper(paper: str) -> None:
    from prauthor.render import PAPERS

    if paper not in PAPERS:
        raise InputError.one("--paper", f"unknown paper '{paper}' (known: {', '.join(PAPERS)})")


@app.command("build")
def build_command(
    folder: Annotated[Path, typer.Argument(help="folder of release specs")] = Path("."),
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder")] = Path("out"),
    formats: Annotated[str, typer.Option("--format", "-f", help="comma-separated formats")] = "",
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="workers (0: one per idle core, "
                                      "no more than releases to render)")] = 0,
    force: Annotated[bool, typer.Option("--force", help="render unchanged releases too")] = False,
    shard: Annotated[str | None, typer.Option(metavar="K/N", help="build only shard K of N "
                                              "(a stable share, for a CI matrix)")] = None,
) -> None:
    """Render every release under a folder in parallel; skip the unchanged ones."""
    from prauthor import batch
    from prauthor.buildreport import report_build
    from prauthor.render import Options, default_formats

    specs = batch.find_specs(folder)
    if shard:
        specs = batch.shard(specs, folder, shard)
        say(f"shard {shard}: {len(specs)} releases")
    names = tuple(f.strip() for f in formats.split(",") if f.strip()) or tuple(default_formats())
    if jobs < 0:
        raise InputError.one("--jobs", f"{jobs}: a number of workers, or 0 for one per core")
    outcomes = batch.run(specs, names, out, Options(), jobs, force)
    if report_build(outcomes, len(specs)):
        raise typer.Exit(1)


@app.command("validate")
def validate_command(specs: SpecPaths, desk: DeskOption = None) -> None:
    """Check specs and the blocks they name; write nothing."""
    from prauthor.pipeline import resolve_loaded, warnings_of

    resolved = resolve_loaded(specs, desk)
    warn([line for lines in warnings_of(resolved).values() for line in lines])
    for loaded, _ in resolved:
        say(f"ok {loaded.source.path}")


@app.command("new")
def new_command(kind: Annotated[str, typer.Argument(metavar="TYPE", help="release type")]) -> None:
    """Print a commented starter spec for a release type."""
    from prauthor.starters import starter

    typer.echo(starter(kind), nl=False)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a release spec, for editors."""
    import json

    from prauthor.spec import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command("init")
def init_command(folder: Annotated[Path, typer.Argument(help="folder for the new desk")]) -> None:
    """Make a new desk with a sample company, its blocks and a release."""
    from prauthor.starters import init_desk

    for path in init_desk(folder):
        say(f"wrote {path}")


@app.command("wires")
def wires_command(
    desk: Annotated[Path | None, typer.Option("--desk", help="this desk's wires, not those of "
                                              "the desk the current folder is in")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="print a Markdown table")] = False,
) -> None:
    """List the wires a spec may name, built-in and the desk's, with a sample dateline each."""
    from prauthor.dateline import SAMPLE_CITIES, SAMPLE_DATE, samples
    from prauthor.desk import desk_root, open_desk
    from prauthor.wires import builtin_wires

    wires = open_desk(desk or desk_root(Path.cwd())).wires
    rows = []
    for name, wire, line in samples(wires):
        origin = ("built-in" if wire == builtin_wires().get(name) else
                  "desk, changed" if name in builtin_wires() else "desk")
        joiner = {" ": "a space", "": "nothing"}.get(wire.joiner, repr(wire.joiner))
        rows.append((name, wire.name, origin, joiner, line.text))
    if markdown:
        typer.echo("| wire | name | dateline | joined to the lead by |\n|---|---|---|---|")
        for name, title, _, joiner, text in rows:
            typer.echo(f"| `{name}` | {title} | `{text}` | {joiner} |")
        return
    typer.echo(f"Sample: {' and '.join(SAMPLE_CITIES)}, {SAMPLE_DATE:%B} {SAMPLE_DATE.day}, "
               f"{SAMPLE_DATE.year}\n")
    header = ("WIRE", "NAME", "FROM", "JOINED BY", "DATELINE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
                   + "  " + row[4])


templates_app = typer.Typer(no_args_is_help=True, help="Work with the built-in templates.")
app.add_typer(templates_app, name="templates")


@templates_app.command("export")
def templates_export_command(
    folder: Annotated[Path, typer.Argument(help="folder to write the templates into")],
    force: Annotated[bool, typer.Option("--force", help="overwrite files already there")] = False,
) -> None:
    """Write the built-in templates (DOCX and the rest) out as a starting point for a desk."""
    from prauthor.starters import export_templates

    for path in export_templates(folder, force):
        say(f"wrote {path}")


app.command("check")(check_command)
app.command("verify")(verify_command)
app.command("review")(review_command)
app.command("redline")(redline_command)
app.add_typer(blocks_app)


def say(message: str) -> None:
    """Print a progress line to standard error."""
    typer.secho(message, err=True, fg="green" if message.startswith(("ok", "wrote")) else None)


def report(error: PrauthorError) -> None:
    """Print an error the user can act on, without a traceback."""
    problems = getattr(error, "problems", None)
    lines = [str(p) for p in problems] if problems else [str(error)]
    for line in lines:
        typer.secho("error: ", err=True, fg="red", bold=True, nl=False)
        typer.echo(line, err=True)
    if len(lines) > 1:
        typer.secho(f"{len(lines)} problems", err=True, fg="red")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    command = typer.main.get_command(app)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RenderWarning)
        try:
            command.main(args=argv, prog_name="prauthor")
        except PrauthorError as error:
            report(error)
            return error.exit_code
        except SystemExit as done:
            return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        finally:
            warn([str(w.message) for w in caught if issubclass(w.category, RenderWarning)])
    return 0


def warn(messages: list[str]) -> None:
    """Print warnings (a draft's findings, renderers' notes), each once, in yellow."""
    for message in dict.fromkeys(messages):
        typer.secho("warning: ", err=True, fg="yellow", bold=True, nl=False)
        typer.echo(message, err=True)
