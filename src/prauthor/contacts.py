"""Lay out the contacts of a release in the house style, for one company or several."""

from __future__ import annotations

from prauthor.company import Company
from prauthor.company import Contact as Profile
from prauthor.document import ContactCard, ContactLine, Contacts, Span, Spans
from prauthor.style import ContactStyle, fill


def contact_part(chosen: list[tuple[Company, Profile]], style: ContactStyle) -> Contacts | None:
    """Return the contacts as printed, or None when the release names none.

    Labels name their company when several companies speak; consecutive contacts under
    one label print it once, with the style's `between` line (such as "Or") between them.
    """
    if not chosen:
        return None
    several = len({company.id for company, _ in chosen}) > 1
    cards: list[ContactCard] = []
    previous = None
    for company, profile in chosen:
        label = profile.label or None
        if label and several:
            label = _label(label, company)
        continues = label is not None and label == previous
        if continues and style.between:
            cards.append(ContactCard(((None, (Span(style.between),)),), separator=True))
        cards.append(_card(profile, None if continues else label, style))
        previous = label
    return Contacts(tuple(cards), style.heading or None)


def _card(profile: Profile, label: str | None, style: ContactStyle) -> ContactCard:
    values = {
        "name": profile.name or profile.desk, "desk": profile.desk, "title": profile.title,
        "organization": profile.organization, "label": label,
        "phone": fill(style.phone, {"phone": profile.phone}) or None,
        "email": fill(style.email, {"email": profile.email}) or None,
    }
    texts = [text for text in (fill(line, values) for line in style.lines) if text]
    lines: list[ContactLine] = [(None, _linked(text, profile.email)) for text in texts]
    if label and style.label == "with-first-line" and lines:
        lines[0] = (label, lines[0][1])
    elif label:
        lines.insert(0, (label, ()))
    return ContactCard(tuple(lines), email=profile.email)


def _linked(text: str, email: str | None) -> Spans:
    """Return a line's spans, its e-mail address a mailto link."""
    if not email or email not in text:
        return (Span(text),)
    before, _, after = text.partition(email)
    spans = (Span(before), Span(email, href=f"mailto:{email}"), Span(after))
    return tuple(span for span in spans if span.text)


def _label(label: str, company: Company) -> str:
    """Prefix the company's short name: 'Investor Contact' -> '3M Investor Contact'."""
    name = company.short_name or company.name
    return label if label.lower().startswith(name.lower()) else f"{name} {label}"
