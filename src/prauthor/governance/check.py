"""Judge a resolved release: governance, policies and style, silenced and graded.

`findings` is what `prauthor check` prints; `draft_warnings` gives the approved-text
and policy findings a draft carries (style is `check`'s business);
`refuse_unfinished` stops a --final render on any error `check --final` reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prauthor.document import Document
from prauthor.errors import CheckFailed, InputError, Problem
from prauthor.governance.blockrules import block_findings
from prauthor.governance.findings import Finding
from prauthor.governance.policies import policies_for
from prauthor.governance.policy_rules import policy_findings
from prauthor.governance.rules import RULES
from prauthor.governance.settings import desk_silence, unknown_rules
from prauthor.governance.text import Context, shown_path

if TYPE_CHECKING:
    from prauthor.resolve import Loaded


class Unfinished(CheckFailed):
    """A --final render met errors: the release is not ready to go out."""

    def __init__(self, findings: list[Finding]):
        self.problems = tuple(Problem(f.file, f.line, "", f"{f.message} [{f.rule}]")
                              for f in findings)
        super().__init__("\n".join(str(p) for p in self.problems))


def input_problems(loaded: Loaded) -> list[Problem]:
    """Return what stops any render: changed approved texts, unknown rule ids, bad policies."""
    desk = loaded.desk
    problems = list(desk.library.lock_problems)
    for index, rule in enumerate(loaded.spec.silence):
        problems += unknown_rules(loaded.source.path, loaded.source.line(("silence", index)),
                                  f"silence[{index}]", [rule])
    for read in (policies_for, desk_silence):
        try:
            read(desk.root)
        except InputError as error:
            problems += error.problems
    return problems


def findings(loaded: Loaded, doc: Document, final: bool = False,
             style: bool = True) -> list[Finding]:
    """Return every finding about a release, graded for a draft or for --final.

    `style` adds the style lint; the approved-text and policy rules always run.
    """
    policies = policies_for(loaded.desk.root)
    ctx = Context(loaded, doc, policies, final)
    silenced = set(loaded.spec.silence) | desk_silence(loaded.desk.root)
    sources = [block_findings, policy_findings]
    if style:
        from prauthor.governance.lint import lint_findings  # only `check` and --final lint

        sources.append(lint_findings)
    out = []
    for source in sources:
        for found in source(ctx):
            rule = RULES[found.rule]
            severity = policies.severity(found.rule, doc.meta.type)
            if severity == "off" or (rule.silenceable and found.rule in silenced):
                continue
            if severity == "required":
                severity = "error" if final else "warning"
            out.append(found._replace(severity=severity))
    return sorted(_placeholders_once(out), key=lambda f: (str(f.file), f.line or 0, f.rule))


def _placeholders_once(found: list[Finding]) -> list[Finding]:
    """Drop what other rules say of a value that still holds a placeholder.

    Such a value is half written: a rule reading it ("'ST>>' is not a state") only
    repeats the placeholder finding, which --final refuses until the value is written.
    The rules that guard approved text are kept.
    """
    unfinished = {(f.file, f.line) for f in found if f.rule == "placeholder" and f.line}
    return [f for f in found if f.rule == "placeholder" or not RULES[f.rule].silenceable
            or (f.file, f.line) not in unfinished]


def draft_warnings(loaded: Loaded, doc: Document, style: bool = False,
                   final: bool = False) -> tuple[str, ...]:
    """Return, as warning lines at desk-relative paths, what a release still owes legal and
    policy (and, with `style`, AP style), graded for a draft or for --final."""
    root = loaded.desk.root
    lines = []
    for found in findings(loaded, doc, final=final, style=style):
        where = shown_path(found.file, doc, root) if found.file else ""
        where += f":{found.line}" if found.line and where else ""
        lines.append(f"{where}: {found.message} [{found.rule}]" if where
                     else f"{found.message} [{found.rule}]")
    return tuple(lines)


def shown_warnings(loaded: Loaded, doc: Document, style: bool = True,
                   final: bool = False) -> list[Problem]:
    """Return a release's findings to print, at the path the user gave, as `check` does."""
    return [Problem(found.file, found.line, "", f"{found.message} [{found.rule}]")
            for found in findings(loaded, doc, final=final, style=style)]


def refuse_unfinished(resolved: list[tuple[Loaded, Document]]) -> None:
    """Raise Unfinished listing every error of every release, graded for --final."""
    errors = [f for loaded, doc in resolved for f in findings(loaded, doc, final=True)
              if f.severity == "error"]
    if errors:
        raise Unfinished(errors)
