"""`prauthor check` and `prauthor verify`: what a release owes legal, and what shipped."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from prauthor import console
from prauthor.choices import CheckFormat, complete_wires
from prauthor.errors import InputError, Problem


def check_command(
    specs: Annotated[list[Path] | None, typer.Argument(help="release spec files (YAML)",
                                                       show_default=False)] = None,
    final: Annotated[bool, typer.Option("--final", help="judge as a final release: drafts, "
                                        "placeholders and required checks are errors")] = False,
    output: Annotated[CheckFormat, typer.Option("--format", help="findings as text or as "
                                                "json")] = "text",
    wire: Annotated[str | None, typer.Option(help="check for this wire, not the spec's "
                                             "(`prauthor wires` lists them)",
                                             autocompletion=complete_wires)] = None,
    desk: Annotated[Path | None, typer.Option("--desk", help="use this desk instead of finding "
                                              "one from the spec's folder")] = None,
    edgar: Annotated[list[Path] | None, typer.Option(
        "--edgar", metavar="FILE.htm", help="check an HTML file against EDGAR's rules for "
        "an exhibit (repeatable)")] = None,
) -> None:
    """Check releases against legal policies and AP style; exit 1 on any error."""
    import json

    if edgar and specs:
        raise InputError.one("--edgar", "checks HTML files alone; check specs in another run")
    if not edgar and not specs:
        raise InputError.one("SPECS", "name release specs, or --edgar FILE.htm")
    if edgar:
        _check_edgar(edgar, output)
        return

    from prauthor.governance.check import findings
    from prauthor.pipeline import expand_paths, refuse_builtin_final, resolve_loaded

    paths = expand_paths(specs, desk)
    if final:
        refuse_builtin_final(paths, desk)
    resolved = resolve_loaded(paths, desk, wire)
    found = [(loaded.source.path, f) for loaded, doc in resolved
             for f in findings(loaded, doc, final)]
    errors = sum(f.severity == "error" for _, f in found)
    if output == "json":
        report = {"final": final, "specs": [str(loaded.source.path) for loaded, _ in resolved],
                  "errors": errors, "warnings": len(found) - errors,
                  "findings": [{"spec": str(spec), **f.to_dict()} for spec, f in found]}
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_text([f for _, f in found], len(resolved))
    if errors:
        raise typer.Exit(1)


def _check_edgar(files: list[Path], output: str) -> None:
    import json

    from prauthor.edgar.check import check_file

    missing = [f for f in files if not f.is_file()]
    if missing:
        raise InputError.one("--edgar", "no such file: " + ", ".join(map(str, missing)))
    found = [f for path in files for f in check_file(path)]
    if output == "json":
        report = {"edgar": [str(f) for f in files], "errors": len(found),
                  "findings": [f.to_dict() for f in found]}
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_text(found, len(files), "file")
    if found:
        raise typer.Exit(1)


def _print_text(found, specs: int, noun: str = "release") -> None:
    shown = set()
    for finding in found:
        if str(finding) in shown:
            continue  # a desk-wide finding, told once
        shown.add(str(finding))
        console.labelled(finding.severity, Problem(finding.file, finding.line, "",
                                                   f"{finding.message} [{finding.rule}]"),
                         err=False)
        if finding.hint:
            typer.secho(f"    hint: {finding.hint}", dim=True, color=console.settings.color)
    errors = sum(f.severity == "error" for f in found)
    summary = (f"{_count(specs, noun)} checked: {_count(errors, 'error')}, "
               f"{_count(len(found) - errors, 'warning')}")
    console.summary(summary, bad=errors > 0)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def verify_command(
    out_dir: Annotated[Path, typer.Argument(metavar="OUT_DIR", help="an output folder: one "
                                            "release's, or the folder of many")],
) -> None:
    """Render again from each manifest and say whether every output still matches."""
    from prauthor.governance.verify import manifests_in, verify_manifest

    verdicts = [v for manifest in manifests_in(out_dir) for v in verify_manifest(manifest)]
    for verdict in verdicts:
        if verdict.ok:
            typer.secho("ok ", fg="green", nl=False)
            typer.echo(str(verdict.file))
            continue
        typer.secho("MISMATCH ", fg="red", bold=True, nl=False)
        typer.echo(str(verdict.file))
        for reason in verdict.reasons:
            typer.echo(f"    {reason}")
    console.summary(verify_summary(verdicts), bad=not all(v.ok for v in verdicts))
    if not all(v.ok for v in verdicts):
        raise typer.Exit(1)


def verify_summary(verdicts) -> str:
    """Say how many outputs were verified and how many do not match; a manifest that
    does not match what rendering gives now is counted apart, never as an output."""
    from prauthor.governance.manifest import SUFFIX

    manifests = [v for v in verdicts if v.file.name.endswith(SUFFIX)]
    outputs = [v for v in verdicts if not v.file.name.endswith(SUFFIX)]
    bad = sum(not v.ok for v in outputs)
    said = f"{_count(len(outputs), 'output')} verified: " + (
        f"{bad} do{'es' * (bad == 1)} not match" if bad else "all match")
    if stale := sum(not v.ok for v in manifests):
        said += (f"; {_count(stale, 'manifest')} do{'es' * (stale == 1)} not match what "
                 "rendering gives now")
    return said
