"""Define a company profile: the facts every release of one company reuses."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from prauthor.spec import Strict, Text
from prauthor.style import Style

Symbol = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9.\-]{0,9}$")]


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
    """A press or investor contact: a person, a desk (Investor Relations) or a mailbox."""

    label: str | None = Field("Contact", description='e.g. "Media Contact"; empty for none')
    name: Text | None = None
    desk: Text | None = Field(None, description="a team printed where a name would be")
    title: str | None = None
    organization: str | None = None
    phone: str | None = None
    email: str | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.name or self.desk or self.phone or self.email):
            raise ValueError("a contact needs at least one of name, desk, phone, email")
        return self


class Logo(Strict):
    """The company's logo: a file of the desk, and its words."""

    file: Text = Field(description="PNG, JPEG or GIF, beside the profile or elsewhere in the desk")
    alt: Text = Field(description="e.g. 'Corvane Therapeutics logo'")
    url: Text | None = Field(None, pattern=r"^https?://\S+$",
                             description="the logo on the wire's multimedia gallery")


class Company(Strict):
    """A company profile (company.yaml, or one file per company in companies/)."""

    noun: ClassVar[str] = "company profile"  # what a reader calls it, in messages

    id: Text
    name: Text
    short_name: str | None = None
    exchange: Text | None = None
    ticker: Symbol | list[Symbol] | None = Field(None, description="a symbol, or several "
                                                 "of one exchange: [QLLN, QLLNW]")
    website: str | None = None
    descriptor: str | None = None
    defined_terms: str | None = None
    people: dict[str, Person] = Field(default_factory=dict)
    contacts: dict[str, Contact] = Field(default_factory=dict)
    style: Style | None = Field(None, description="the company's house style, over the desk's")
    logo: Logo | None = Field(None, description="the company's logo: {file, alt, url}, "
                              "printed at the top of every format")

    @property
    def tickers(self) -> tuple[str, ...]:
        """Return every symbol of the company."""
        if self.ticker is None:
            return ()
        return (self.ticker,) if isinstance(self.ticker, str) else tuple(self.ticker)
