"""Check a spec's references (company, people, contacts, blocks) on its raw data.

When a spec fails validation its references are not resolved, so a misspelled contact
would hide behind a quote's mistake until that one is fixed. These checks read the raw
YAML instead, so that every problem is reported at once.
"""

from __future__ import annotations

from typing import Any

from prauthor.errors import InputError, Problem
from prauthor.validation import suggest
from prauthor.yamlsource import Source


def reference_problems(source: Source, desk) -> list[Problem]:
    """Return the unknown company, people, contacts and block ids of a raw spec."""
    data = source.data if isinstance(source.data, dict) else {}
    company = _company(data.get("company"), desk)
    if company is None:
        return []
    found = []
    for index, contact in _items(data.get("contacts")):
        if "/" not in contact and contact not in company.contacts:
            found.append(source.problem(("contacts", index), f"unknown contact '{contact}'"
                                        + suggest(contact, company.contacts)))
    for part in ("body", "appendix"):
        for index, block in _items(data.get(part), str | dict):
            by = block.get("quote", {}).get("by") if isinstance(block, dict) and \
                isinstance(block.get("quote"), dict) else None
            if isinstance(by, str) and "/" not in by and by not in company.people:
                found.append(source.problem((part, index, "quote", "by"),
                                            f"unknown person '{by}'"
                                            + suggest(by, company.people)))
    for index, entry in _items(data.get("boilerplate"), str | dict):
        name = entry if isinstance(entry, str) else next(iter(entry), "")
        block_id = str(name).partition("@")[0]
        if block_id and block_id not in desk.library.ids:
            found.append(source.problem(("boilerplate", index), desk.library.unknown(block_id)))
    return found


def _company(company_id: Any, desk):
    if not isinstance(company_id, str) or company_id not in desk.company_ids():
        return None
    try:
        return desk.company(company_id)
    except InputError:
        return None


def _items(value: Any, kind=str) -> list[tuple[int, Any]]:
    return [(i, item) for i, item in enumerate(value) if isinstance(item, kind)] \
        if isinstance(value, list) else []
