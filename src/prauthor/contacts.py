"""Arrange the contacts printed at the end of a release, for one company or several."""

from __future__ import annotations

from prauthor.company import Company
from prauthor.company import Contact as Profile
from prauthor.document import Contact


def arrange(chosen: list[tuple[Company, Profile]]) -> tuple[Contact, ...]:
    """Return the contacts as printed: labels name their company when several companies
    speak, and one heading stands over consecutive contacts that share it."""
    several = len({company.id for company, _ in chosen}) > 1
    contacts, previous = [], None
    for company, profile in chosen:
        label = _label(profile.label, company) if several else profile.label
        shown = "" if label == previous else label
        contacts.append(Contact(**{**profile.model_dump(), "label": shown}))
        previous = label
    return tuple(contacts)


def _label(label: str, company: Company) -> str:
    """Prefix the company's short name: 'Investor Contact' -> '3M Investor Contact'."""
    name = company.short_name or company.name
    return label if label.lower().startswith(name.lower()) else f"{name} {label}"
