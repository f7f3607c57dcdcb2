"""The command line: parse options, call the library, report errors in one place."""

from __future__ import annotations

import functools
import os
import sys
import traceback
import warnings
from pathlib import Path
from typing import Annotated

import typer
from typer.exceptions import TyperException

from prauthor import __version__, console
from prauthor.choices import (
    Color,
    Paper,
    PdfVariant,
    ReleaseType,
    SchemaFor,
    complete_wires,
    iso_date,
)
from prauthor.console import say, warn
from prauthor.errors import BUG_EXIT_CODE, InputError, PrauthorError, RenderWarning
from prauthor.governance.blocks_cli import blocks_app
from prauthor.governance.commands import check_command, verify_command
from prauthor.review.commands import redline_command, review_command

app = typer.Typer(
    name="prauthor", no_args_is_help=True, add_completion=True, rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Write a press release once; render DOCX, PDF, HTML and newswire text.",
)

STDIN = Path("-")
# Newswire text narrower than this cannot hold a dateline word or a table's figures.
MIN_WRAP, MAX_WRAP = 20, 10_000
# Set by --debug for this run (or PRAUTHOR_DEBUG=1 for every run).
DEBUG = {"on": False}

SpecPaths = Annotated[list[Path], typer.Argument(
    metavar="SPEC", show_default=False,
    help="release spec files (YAML), folders of them, or - for standard input (with --desk)")]
DeskOption = Annotated[Path | None, typer.Option("--desk", help="use this desk instead of "
                                                 "finding one from the spec's folder")]
FormatsOption = Annotated[str, typer.Option(
    "--format", "-f", metavar="txt,docx,html,pdf,ics",
    help="comma-separated formats: txt, docx, html, pdf, ics (the default: these five); "
         "edgar, ninjs, newsml on request")]
WireOption = Annotated[str | None, typer.Option(
    help="render for this wire, not the spec's (`prauthor wires` lists them)",
    autocompletion=complete_wires)]
WrapOption = Annotated[int | None, typer.Option(help="newswire text: wrap lines at N columns")]
AsciiOption = Annotated[bool, typer.Option("--ascii", help="newswire text: ASCII only")]
FinalOption = Annotated[bool, typer.Option("--final", help="a final release: refuse drafts, "
                                           "placeholders and failed checks; no DRAFT marks, "
                                           "review comments or review record")]
LineNumbersOption = Annotated[bool, typer.Option("--line-numbers", help="DOCX: number the "
                                                 "lines so counsel can cite one")]
PaperOption = Annotated[Paper, typer.Option(help="html/pdf page size")]
VariantOption = Annotated[PdfVariant | None, typer.Option(
    help="pdf/a-3b (archive copy, spec attached) or pdf/ua-1 (tagged)")]
StrictOption = Annotated[bool, typer.Option(help="treat render warnings as errors")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"prauthor {__version__}")
        raise typer.Exit()


def _debug(value: bool) -> None:
    DEBUG["on"] = value


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="print the version and exit")] = False,
    color: Annotated[Color, typer.Option(
        "--color", help="colour the output: auto (on a terminal, unless NO_COLOR is set), "
        "always or never")] = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="print only warnings and "
                                        "errors")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="also say which desk, "
                                          "blocks and files each release uses")] = False,
    debug: Annotated[bool, typer.Option("--debug", callback=_debug, is_eager=True,
                                        help="show the traceback of an internal error")] = False,
):
    """Write a press release once; render DOCX, PDF, HTML and newswire text."""
    if quiet and verbose:
        raise InputError.one("--quiet", "--quiet and --verbose cannot be used together")
    ctx.color = console.configure(color, quiet, verbose).color


def options_from(formats: str, wrap, ascii_only, final, line_numbers, paper, pdf_variant, strict):
    """Return the format names and render Options the user chose."""
    from prauthor.render import Options, default_formats, renderer

    if wrap is not None and not MIN_WRAP <= wrap <= MAX_WRAP:
        raise InputError.one("--wrap", f"wrap at {MIN_WRAP} to {MAX_WRAP} columns, not {wrap}")
    names = [f.strip() for f in formats.split(",") if f.strip()] or default_formats()
    for name in names:
        renderer(name)  # an unknown format is refused before any work
    return names, Options(wrap=wrap, ascii=ascii_only, draft=not final,
                          line_numbers=line_numbers, paper=paper, pdf_variant=pdf_variant,
                          strict=strict)


@app.command("render")
def render_command(
    specs: SpecPaths,
    formats: FormatsOption = "",
    wire: WireOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder, or - to write the "
                                      "one format asked for to standard output")] = Path("out"),
    wrap: WrapOption = None,
    ascii_only: AsciiOption = False,
    desk: DeskOption = None,
    final: FinalOption = False,
    line_numbers: LineNumbersOption = False,
    paper: PaperOption = "letter",
    pdf_variant: VariantOption = None,
    strict: StrictOption = False,
) -> None:
    """Validate specs, merge their blocks and write every format to OUT/<slug>/."""
    from prauthor.pipeline import build, render_to_stream

    names, options = options_from(formats, wrap, ascii_only, final, line_numbers, paper,
                                  pdf_variant, strict)
    paths = spec_paths(specs, desk)
    if out != STDIN:
        check_out(out)
    if out == STDIN:
        data = render_to_stream(paths, names, options, desk, wire, warn=warn)
        stdout = typer.get_binary_stream("stdout")
        stdout.write(data)
        stdout.flush()
        return
    for path in build(paths, names, out, options, desk, wire, warn=warn, parallel=True):
        say(f"wrote {path}")


@app.command("preview")
def preview_command(
    spec: Annotated[Path, typer.Argument(help="the release spec (YAML)", show_default=False)],
    wire: Annotated[str | None, typer.Option(help="show it for this wire, not the spec's")] = None,
    final: Annotated[bool, typer.Option("--final", help="show the final release: no DRAFT "
                                        "marks; findings graded as for --final")] = False,
    paper: PaperOption = "letter",
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


@app.command("build")
def build_command(
    folder: Annotated[Path, typer.Argument(help="folder of release specs")] = Path("."),
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder")] = Path("out"),
    formats: FormatsOption = "",
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="workers (0: one per idle core, "
                                      "no more than releases to render)")] = 0,
    force: Annotated[bool, typer.Option("--force", help="render unchanged releases too")] = False,
    wire: WireOption = None,
    wrap: WrapOption = None,
    ascii_only: AsciiOption = False,
    desk: DeskOption = None,
    final: FinalOption = False,
    line_numbers: LineNumbersOption = False,
    paper: PaperOption = "letter",
    pdf_variant: VariantOption = None,
    strict: StrictOption = False,
    shard: Annotated[str | None, typer.Option(metavar="K/N", help="build only shard K of N "
                                              "(a stable share, for a CI matrix)")] = None,
) -> None:
    """Render every release under a folder in parallel; skip the unchanged ones."""
    from prauthor import batch
    from prauthor.buildreport import report_build
    from prauthor.pipeline import refuse_builtin_final, refuse_shared_slugs

    names, options = options_from(formats, wrap, ascii_only, final, line_numbers, paper,
                                  pdf_variant, strict)
    check_out(out)
    specs = batch.find_specs(folder)
    if shard:
        specs = batch.shard(specs, folder, shard)
        say(f"shard {shard}: {len(specs)} releases")
    refuse_shared_slugs(specs)
    if jobs < 0:
        raise InputError.one("--jobs", f"{jobs}: a number of workers, or 0 for one per idle core")
    if final:
        refuse_builtin_final(specs, desk)
    outcomes = batch.run(specs, tuple(names), out, options, jobs, force, desk=desk, wire=wire)
    if report_build(outcomes, len(specs)):
        raise typer.Exit(1)


@app.command("validate")
def validate_command(specs: SpecPaths, desk: DeskOption = None) -> None:
    """Check specs (or every spec in a folder) and the blocks they name; write nothing."""
    from prauthor.governance.check import shown_warnings
    from prauthor.pipeline import resolve_loaded

    resolved = resolve_loaded(spec_paths(specs, desk), desk)
    warn([line for loaded, doc in resolved for line in shown_warnings(loaded, doc, style=False)])
    for loaded, _ in resolved:
        say(f"ok {loaded.source.path}")


def check_out(out: Path) -> None:
    """Refuse an output folder that is a file (or /dev/null) before any work is done."""
    if out.exists() and not out.is_dir():
        raise InputError.one("--out", f"'{out}' is not a folder")


def spec_paths(given: list[Path], desk: Path | None) -> list[Path]:
    """Expand folders to the specs under them; allow - (standard input) once, with --desk."""
    from prauthor.pipeline import expand_paths

    return expand_paths(given, desk)


@app.command("new")
def new_command(
    kind: Annotated[ReleaseType, typer.Argument(metavar="TYPE", help="release type")],
    company: Annotated[str | None, typer.Option(help="company profile id (default: the "
                                                "desk's first company)")] = None,
    desk: Annotated[Path | None, typer.Option("--desk", help="the desk (default: the one this "
                                              "folder is in)")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", metavar="YYYY-MM-DD", help="the release date (default: today)")] = None,
) -> None:
    """Print a commented starter spec for a release type, for the desk's company and a date."""
    from prauthor.starters import starter

    typer.echo(starter(kind, desk, company, iso_date("--date", date)), nl=False)


@app.command("schema")
def schema_command(
    kind: Annotated[SchemaFor, typer.Option(
        "--for", help="spec (a release), profile (a company profile) or block (a block's "
        "front matter)")] = "spec",
) -> None:
    """Print a JSON Schema for editors: of a release spec, a company profile or a block."""
    import json

    from prauthor.schemas import json_schema

    typer.echo(json.dumps(json_schema(kind), indent=2))


@app.command("init")
def init_command(folder: Annotated[Path, typer.Argument(help="folder for the new desk")]) -> None:
    """Make a new desk with a sample company, its blocks and a release."""
    from prauthor.starters import init_desk

    for path in init_desk(folder):
        say(f"wrote {path}")
    say("next: make companies/corvane.yaml your company's profile (and its logo); delete "
        "the sample release and the photo and chart only it shows; write "
        "your own versions of the blocks that say `company: corvane` (the About, the safe "
        "harbor, the legends), which --final refuses for another company; name your "
        "approvers (prauthor blocks approvers add NAME KEY.pub) and have them approve "
        "(prauthor blocks approve ID@N --by NAME --key KEY); then prauthor new TYPE "
        "--date YYYY-MM-DD > releases/... (the README's walkthrough has each step)")


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


templates_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                            help="Work with the built-in templates.")
app.add_typer(templates_app, name="templates")


@templates_app.command("export")
def templates_export_command(
    folder: Annotated[Path, typer.Argument(help="folder to write the templates into")],
    force: Annotated[bool, typer.Option("--force", help="overwrite files already there")] = False,
) -> None:
    """Write the built-in templates (DOCX, starters and the rest) out as a desk's own."""
    from prauthor.starters import export_templates

    for path in export_templates(folder, force):
        say(f"wrote {path}")


app.command("check")(check_command)
app.command("verify")(verify_command)
app.command("review")(review_command)
app.command("redline")(redline_command)
app.add_typer(blocks_app)


def report(error: PrauthorError) -> None:
    """Print an error the user can act on, without a traceback."""
    problems = getattr(error, "problems", None)
    console.error(list(problems) if problems else [str(error)])


def report_usage(error: TyperException) -> None:
    """Print a mistake in the command line (an unknown option, a value not allowed)."""
    if isinstance(error, typer.BadParameter):
        # typer checks Literal choices through pydantic, which prefixes its own label
        error.message = error.message.removeprefix("Value error, ")
    error.show()


def report_bug(error: BaseException) -> None:
    """Say in one line that prauthor failed; the traceback only with --debug."""
    if DEBUG["on"] or os.environ.get("PRAUTHOR_DEBUG"):
        traceback.print_exception(error, file=sys.stderr)
    summary = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    typer.secho("internal error: ", err=True, fg="red", bold=True, nl=False)
    typer.echo(f"{summary}. This is a bug in prauthor {__version__}, not in your input; "
               "run again with --debug for the traceback and report it.", err=True)


@functools.cache
def _command():
    """Build the click command once: typer takes a tenth of a second to build it."""
    return typer.main.get_command(app)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    command = _command()
    DEBUG["on"] = False
    console.configure()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RenderWarning)
        try:
            code = command.main(args=argv, prog_name="prauthor", standalone_mode=False)
        except PrauthorError as error:
            report(error)
            return error.exit_code
        except TyperException as error:  # click's own: an unknown option, a value not allowed
            report_usage(error)
            return error.exit_code
        except SystemExit as done:
            return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except (KeyboardInterrupt, typer.Abort):
            typer.echo("interrupted", err=True)
            return 130
        except Exception as error:  # anything else is prauthor's fault, not the user's
            report_bug(error)
            return BUG_EXIT_CODE
        finally:
            warn([w.message.args[0] for w in caught if issubclass(w.category, RenderWarning)])
    if code == 130:  # typer turns Ctrl-C into exit code 130
        typer.echo("interrupted", err=True)
    return code if isinstance(code, int) else 0

