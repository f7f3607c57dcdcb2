"""Tell what a boilerplate section is: safe harbor, 14a-12 legend, About, ...

A block says so in its front matter (`provides: [safe-harbor]`). Libraries written
before that field, such as the reference desk, are recognized by id and title.
"""

from __future__ import annotations

from prauthor.document import Section

# (kind, words in the title, id prefixes), checked in this order.
GUESSES = (
    ("safe-harbor", ("forward-looking statement", "safe harbor", "cautionary note",
                     "cautionary statement"), ("fls", "safe-harbor")),
    ("legend-14a12-additional-information", ("where to find it",), ("legend-additional",)),
    ("legend-14a12-participants", ("participants in the solicitation",),
     ("legend-participants",)),
    ("non-gaap", ("non-gaap",), ("non-gaap",)),
    ("offering-legend", ("no offer or solicitation", "not an offer", "no offer"),
     ("offering-legend", "legend-offer", "no-offer")),
)


def kinds_of(section: Section) -> set[str]:
    """Return the kinds a section provides: declared, else recognized."""
    if section.provides:
        return set(section.provides)
    title, block_id = section.title.lower(), section.block_id.lower()
    found = {kind for kind, words, prefixes in GUESSES
             if any(w in title for w in words) or block_id.startswith(prefixes)}
    if title.startswith("about ") or block_id == "about" or block_id.startswith("about-"):
        found.add("about")
    return found


def sections_of(kind: str, sections) -> list[Section]:
    """Return the sections that provide `kind`."""
    return [s for s in sections if kind in kinds_of(s)]
