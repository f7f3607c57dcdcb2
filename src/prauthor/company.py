"""Define a company profile: the facts every release of one company reuses."""

from __future__ import annotations

from pydantic import Field

from prauthor.spec import Strict, Text


class Person(Strict):
    """Someone quoted in releases."""

    name: Text
    title: Text
    honorific: str | None = None
    surname: str | None = None

    @property
    def second_reference(self) -> str:
        """Return how later references name the person, e.g. 'Mr. Liu'."""
        surname = self.surname or self.name.split()[-1]
        return f"{self.honorific} {surname}" if self.honorific else surname


class Contact(Strict):
    """A press or investor contact printed at the end of a release."""

    label: Text = "Contact"
    name: Text
    title: str | None = None
    organization: str | None = None
    phone: str | None = None
    email: str | None = None


class Company(Strict):
    """A company profile (company.yaml, or one file per company in companies/)."""

    id: Text
    name: Text
    short_name: str | None = None
    exchange: Text | None = None
    ticker: Text | None = Field(None, pattern=r"^[A-Z][A-Z0-9.\-]{0,9}$")
    website: str | None = None
    descriptor: str | None = None
    defined_terms: str | None = None
    people: dict[str, Person] = Field(default_factory=dict)
    contacts: dict[str, Contact] = Field(default_factory=dict)
