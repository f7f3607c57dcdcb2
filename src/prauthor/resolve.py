"""Resolve a spec against its desk into one Document: every business rule lives here."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from prauthor import markup
from prauthor.company import Company
from prauthor.contacts import contact_part
from prauthor.dateline import ap_date, long_date, make_dateline, month_names
from prauthor.desk import Desk
from prauthor.document import (
    Body,
    Contacts,
    Document,
    EndMark,
    Heading,
    Headline,
    Image,
    Lead,
    ListBlock,
    ListItem,
    Logo,
    Marker,
    Meta,
    Paragraph,
    Part,
    ReleaseLine,
    Section,
)
from prauthor.errors import InputError, Problem
from prauthor.events import event_details, time_of_day
from prauthor.images import Wanted, desk_limits, read_image
from prauthor.intro import intro, listing, tickers_of
from prauthor.library import Block
from prauthor.quotes import lay_out
from prauthor.slots import block_problems, fill
from prauthor.spec import (
    EventBlock,
    HeadingBlock,
    ImageBlock,
    ListNode,
    MarkerBlock,
    ParagraphBlock,
    QuoteBlock,
    Spec,
    TableBlock,
)
from prauthor.style import Style, merged, written
from prauthor.tables import resolve_table
from prauthor.validation import suggest
from prauthor.wires import Wire
from prauthor.yamlsource import Source, load_yaml


@dataclass(frozen=True)
class Loaded:
    """A validated spec with its source (for line numbers) and its desk."""

    spec: Spec
    source: Source
    desk: Desk

    @property
    def slug(self) -> str:
        """Return the release's name: its spec file's stem (date and company for stdin)."""
        if self.source.raw is not None:
            return f"{self.spec.dateline.date.isoformat()}-{self.spec.company}"
        return self.source.path.stem


def resolve(loaded: Loaded, wire: str | None = None) -> Document:
    """Return the resolved Document; raise InputError listing every broken reference."""
    spec = loaded.spec
    problems: list[Problem] = []
    company = _company(loaded, problems)
    blocks = _blocks(loaded, problems)
    if company is None:
        raise InputError(problems)
    style = house_style(loaded.desk, company, spec.style)
    contacts = _contacts(loaded, company, style, problems)
    logo = _logo(loaded, company, problems)
    opening = intro(_intro_companies(loaded, company, problems), spec.intro, style)
    body = tuple(_body(loaded, company, style, problems))
    appendix = tuple(_body(loaded, company, style, problems, "appendix"))
    if problems:
        raise InputError(problems)
    wire = wire or spec.wire
    d = spec.dateline
    lead = Lead(make_dateline(d.cities, d.date, wire, d.dash, d.style,
                              pad_day=style.company_day == "padded", wires=loaded.desk.wires),
                opening + markup.parse(spec.lead))
    sections = tuple(_section(block, params) for block, params in blocks)
    return Document(
        meta=_meta(loaded, company, wire, listing(company, style, spec.intro)),
        parts=_in_order(style, logo,
                        ReleaseLine(_release_line(spec, loaded.desk.wires[wire])),
                        Headline(markup.typographer(spec.headline),
                                 tuple(map(markup.typographer, spec.subheadlines))), lead,
                        Body(body), sections, Body(appendix, "appendix"), contacts),
    )


def house_style(desk: Desk, company: Company, spec_style: Style | None) -> Style:
    """Return the release's style: the desk's, the company's, then the spec's keys."""
    return merged(desk.style, written(company.style), written(spec_style))


def _in_order(style: Style, logo: Image | None, release_line: ReleaseLine, headline: Headline,
              lead: Lead, body: Body, sections: tuple[Section, ...], appendix: Body,
              contacts: Contacts | None) -> tuple[Part, ...]:
    """Put the parts in reading order: where the contacts stand is the house style's."""
    place = style.contacts.place
    at = {place: (contacts,) if contacts else ()}
    parts = (*((Logo(logo),) if logo else ()), release_line, *at.get("top", ()), headline,
             lead, body, *sections,
             *at.get("before-appendix", ()), appendix, *at.get("end", ()),
             *((EndMark(style.end_mark),) if style.end_mark else ()))
    return tuple(p for p in parts if not isinstance(p, Body) or p.blocks)


def _meta(loaded: Loaded, company: Company, wire: str, listed: str | None) -> Meta:
    spec, source = loaded.spec, loaded.source
    embargo = spec.release.embargo
    tickers = tickers_of(company, spec.intro)
    return Meta(
        slug=loaded.slug, type=spec.type, date=spec.dateline.date, wire=wire,
        company=spec.intro.name or company.name, company_id=company.id,
        exchange=spec.intro.exchange or company.exchange,
        ticker=tickers[0] if tickers else None, website=company.website,
        spec_name=source.path.name,
        spec_sha256=hashlib.sha256(source.read_bytes()).hexdigest(),
        embargo=embargo and f"{embargo.date.isoformat()} {embargo.time} {embargo.zone}",
        tickers=tickers, listing=listed,
        exhibit=spec.edgar.exhibit, edgar_file=spec.edgar.file,
    )


def _release_line(spec: Spec, wire: Wire) -> str:
    """Write the release line; an embargo's date as the wire writes dates."""
    embargo = spec.release.embargo
    if embargo is None:
        return "FOR IMMEDIATE RELEASE"
    date = ap_date(embargo.date, month_names(wire), wire.day == "padded")
    return f"EMBARGOED UNTIL {time_of_day(embargo.moment())}, {date}"


def _company(loaded: Loaded, problems: list[Problem], company_id: str | None = None,
             loc: tuple = ("company",)) -> Company | None:
    company_id = company_id or loaded.spec.company
    try:
        return loaded.desk.company(company_id)
    except InputError as error:
        known = loaded.desk.company_ids()
        if company_id in known:
            problems.extend(error.problems)
        else:
            where = loaded.desk.companies_path
            message = (f"unknown company '{company_id}'" + suggest(company_id, known)
                       + f" (companies of the desk: {', '.join(known) or 'none'}, in {where})")
            problems.append(loaded.source.problem(loc, message))
        return None


def _intro_companies(loaded: Loaded, company: Company,
                     problems: list[Problem]) -> list[Company]:
    """Return the companies the intro presents: the release's, or a joint intro's."""
    written_ids = loaded.spec.intro.companies
    if not written_ids:
        return [company]
    if written_ids[0] != company.id:
        problems.append(loaded.source.problem(("intro", "companies", 0), "a joint intro "
                        f"starts with the release's company, '{company.id}'"))
    if len(set(written_ids)) < 2:
        problems.append(loaded.source.problem(("intro", "companies"), "a joint intro names "
                        "two companies or more"))
    found = [_company(loaded, problems, cid, ("intro", "companies", i))
             for i, cid in enumerate(written_ids)]
    return [c for c in found if c is not None]


def _owner(loaded: Loaded, company: Company, written_id: str, loc: tuple,
           problems: list[Problem]) -> tuple[Company | None, str]:
    """Split 'other/id' into its company (the release's when there is no prefix) and id."""
    owner_id, _, local_id = written_id.rpartition("/")
    return (_company(loaded, problems, owner_id, loc) if owner_id else company), local_id


def _contacts(loaded: Loaded, company: Company, style: Style,
              problems: list[Problem]) -> Contacts | None:
    """Find each contact: 'media' in the release's company, 'other/media' in another."""
    found = []
    for index, written_id in enumerate(loaded.spec.contacts):
        owner, contact_id = _owner(loaded, company, written_id, ("contacts", index), problems)
        if owner is None:
            continue
        profile = owner.contacts.get(contact_id)
        if profile is None:
            message = (f"unknown contact '{written_id}'" + suggest(contact_id, owner.contacts)
                       + f" (contacts of {owner.id}: {', '.join(owner.contacts) or 'none'}; "
                       f"in {loaded.desk.company_file(owner.id)})")
            problems.append(loaded.source.problem(("contacts", index), message))
        else:
            found.append((owner, profile))
    return contact_part(found, style.contacts)


def _body(loaded: Loaded, company: Company, style: Style, problems: list[Problem],
          field: str = "body"):
    for index, item in enumerate(getattr(loaded.spec, field)):
        if isinstance(item, str):
            yield Paragraph(markup.parse(item))
        elif isinstance(item, ParagraphBlock):
            yield Paragraph(markup.parse(item.paragraph))
        elif isinstance(item, HeadingBlock):
            yield Heading(markup.parse(item.heading), item.level)
        elif isinstance(item, QuoteBlock):
            person = _person(loaded, company, item.quote.by, (field, index, "quote", "by"),
                             problems)
            if person is not None:
                yield lay_out(item.quote, person, style.quotes)
        elif isinstance(item, TableBlock):
            table = resolve_table(item.table, loaded.source, (field, index, "table"),
                                  loaded.desk.root, problems, style.tables.currency)
            if table is not None:
                yield table
        elif isinstance(item, EventBlock):
            yield event_details(item.event, company.short_name or company.name)
        elif isinstance(item, MarkerBlock):
            yield Marker(item.marker)
        elif isinstance(item, ImageBlock):
            image = _image(loaded, item, company, (field, index, "image"), problems)
            if image is not None:
                yield image
        else:
            yield _list(item.items, item.ordered)


def _person(loaded: Loaded, company: Company, written_id: str, loc: tuple,
            problems: list[Problem]):
    """Find a quoted person: 'id' in the release's company, 'other/id' in another."""
    owner, person_id = _owner(loaded, company, written_id, loc, problems)
    if owner is None:
        return None
    person = owner.people.get(person_id)
    if person is None:
        known = ", ".join(sorted(owner.people)) or "none"
        message = (f"unknown person '{written_id}'" + suggest(person_id, owner.people)
                   + f" (people of {owner.id}: {known}; add one under people: in "
                   f"{loaded.desk.company_file(owner.id)})")
        problems.append(loaded.source.problem(loc, message))
    return person


def _image(loaded: Loaded, item: ImageBlock, company: Company, loc: tuple,
           problems: list[Problem]):
    """Read a body image: beside the spec, else beside the company's profile (its media)."""
    i = item.image
    spec_folder = loaded.source.path.parent
    media = loaded.desk.company_file(company.id).parent
    base = spec_folder if (spec_folder / i.file).exists() or not (media / i.file).exists() \
        else media
    wanted = Wanted(i.file, i.alt, base, (spec_folder, loaded.desk.root, media),
                    markup.parse(i.caption) if i.caption else (), i.credit, i.url, i.kind,
                    also=(media,))
    found = read_image(wanted, desk_limits(loaded.desk.root))
    if isinstance(found, str):
        problems.append(loaded.source.problem((*loc, "file"), found))
        return None
    return found


def _logo(loaded: Loaded, company: Company, problems: list[Problem]):
    """Read the company's logo, relative to its profile, from inside the desk."""
    if company.logo is None:
        return None
    profile = loaded.desk.company_file(company.id)
    # The profiles' folder is the desk's even where prauthor.toml puts it elsewhere.
    wanted = Wanted(company.logo.file, company.logo.alt, profile.parent,
                    (loaded.desk.root, profile.parent),
                    url=company.logo.url, kind="logo")
    found = read_image(wanted, desk_limits(loaded.desk.root))
    if isinstance(found, str):
        line = load_yaml(profile).line(("logo", "file"))
        problems.append(Problem(profile, line, "logo.file", found))
        return None
    return found


def _list(items, ordered: bool) -> ListBlock:
    return ListBlock(tuple(_item(item) for item in items), ordered)


def _item(item) -> ListItem:
    if isinstance(item, ListNode):
        children = _list(item.items, False) if item.items else None
        return ListItem(markup.parse(item.text), children)
    return ListItem(markup.parse(item))


def _blocks(loaded: Loaded, problems: list[Problem]) -> list[tuple[Block, dict]]:
    chosen = []
    for index, entry in enumerate(loaded.spec.boilerplate):
        key, params = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        loc = ("boilerplate", index) if isinstance(entry, str) else ("boilerplate", index, key)
        block = _select(loaded, key, loc, problems)
        if block is not None:
            params = {str(k): param_text(v) for k, v in (params or {}).items()}
            problems.extend(_param_problems(loaded, block, params, loc))
            chosen.append((block, params))
    return chosen


def _select(loaded: Loaded, key: str, loc: tuple, problems: list[Problem]) -> Block | None:
    block_id, _, pin = key.partition("@")
    if pin and not re.fullmatch(r"v?[0-9]{1,9}", pin):
        problems.append(loaded.source.problem(loc, f"'{key}': a version pin is id@N"))
        return None
    try:
        found = loaded.desk.library.select(block_id, loaded.spec.dateline.date,
                                           int(pin.lstrip("v")) if pin else None)
    except InputError as error:
        problems.extend(error.problems)
        return None
    if isinstance(found, str):
        problems.append(loaded.source.problem(loc, found))
        return None
    problems.extend(block_problems(found))
    return found


def param_text(value) -> str:
    return long_date(value) if isinstance(value, dt.date) else str(value)


def _param_problems(loaded: Loaded, block: Block, params: dict, loc: tuple) -> list[Problem]:
    declared = block.meta.params
    out = [loaded.source.problem((*loc, name), f"'{block.ref}' declares no parameter '{name}'"
                                 + suggest(name, declared))
           for name in params if name not in declared]
    out += [loaded.source.problem(loc, f"'{block.ref}' needs the parameter '{name}' ({about})")
            for name, about in declared.items() if name not in params]
    return out


def _section(block: Block, params: dict[str, str]) -> Section:
    text = fill(block, params)
    paragraphs = tuple(Paragraph(markup.parse(" ".join(part.split())))
                       for part in text.split("\n\n") if part.strip())
    m = block.meta
    return Section(block_id=m.id, version=m.version, sha256=block.sha256, title=m.title,
                   show_title=m.show_title, status=m.status, approved_by=m.approved_by,
                   approved_on=m.approved_on, effective=m.effective, blocks=paragraphs,
                   provides=tuple(m.provides))
