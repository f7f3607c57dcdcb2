"""Measure how wide a label prints in Word, for the columns the DOCX sizes to its text.

The widths are Arial Bold's, the template's font: Liberation Sans Bold, which LibreOffice
sets in its place, has the same metrics. A label in a narrower font (a desk's own
template) measures a little wide, which leaves room, never too little.
"""

from __future__ import annotations

import unicodedata

EM = 2048  # the font's units per em
# Advance widths of ' ' (32) to '~' (126), in units of 1/2048 em.
BOLD = (
    569, 682, 971, 1139, 1139, 1821, 1479, 487, 682, 682, 797, 1196, 569, 682, 569, 569,
    1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 682, 682, 1196, 1196, 1196,
    1251, 1997, 1479, 1479, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1139, 1479, 1251, 1706,
    1479, 1593, 1366, 1593, 1479, 1366, 1251, 1479, 1366, 1933, 1366, 1366, 1251, 682, 569,
    682, 1196, 1139, 682, 1139, 1251, 1139, 1251, 1139, 682, 1251, 1251, 569, 569, 1139, 569,
    1821, 1251, 1251, 1251, 1251, 797, 1139, 682, 1251, 1139, 1593, 1139, 1139, 1024, 797,
    573, 797, 1196,
)
WIDE = 1997  # a character beyond the table that no base letter stands for: as wide as '@'


def bold_width(text: str, half_points: int) -> int:
    """Return the width of `text` set in bold at a size in half-points, in twips."""
    units = sum(_units(char) for char in text)
    return -(-units * half_points * 10 // EM)  # twips = em * points * 20; rounded up


def _units(char: str) -> int:
    """Return a character's advance width; an accented letter is as wide as its letter."""
    base = unicodedata.normalize("NFKD", char)[:1] or char
    code = ord(base)
    return BOLD[code - 32] if 32 <= code <= 126 else WIDE
