"""EDGAR's rules for HTML documents (Filer Manual vol. II ch. 5, as read by Arelle).

Sources: wire-and-legal.md section 5; Arelle's `ValidateFilingText.py` and `edbody.dtd`.
"""

from __future__ import annotations

import re
from html.entities import codepoint2name, name2codepoint


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TAGS = _words(
    "html head title meta isindex body "
    "a address b big blockquote br caption center cite code dd dfn dir div dl dt em font "
    "h1 h2 h3 h4 h5 h6 hr i img kbd li listing menu ol p plaintext pre samp small strike "
    "strong sub sup table td th tr tt u ul var xmp")

# Elements that run code or pull in other content: a filing holding one is suspended.
ACTIVE = _words(
    "applet embed object param script noscript form input button select option textarea "
    "frame frameset iframe noframes base basefont bgsound link style")

# Attribute -> the elements that may carry it ("*": any), EDGAR's legacy attribute list.
_TEXT = ("h1 h2 h3 h4 h5 h6 hr p img caption div table td th tr font center ol li ul a big "
         "pre dir address blockquote menu em strong dfn code samp kbd var cite sub sup tt i b "
         "small u strike")
ATTRIBUTES: dict[str, frozenset[str]] = {name: _words(elements) for name, elements in {
    "align": "h1 h2 h3 h4 h5 h6 hr img p caption div table td th tr",
    "alink": "body", "alt": "img", "bgcolor": "body table tr th td", "border": "table img",
    "cellpadding": "table", "cellspacing": "table", "class": "*", "clear": "br",
    "color": "font", "colspan": "td th", "compact": "dir dl menu ol ul", "content": "meta",
    "dir": _TEXT, "lang": _TEXT, "height": "td th img", "href": "a", "id": "*",
    "link": "body", "name": "meta a img", "noshade": "hr", "nowrap": "td th",
    "prompt": "isindex", "rel": "a", "rev": "a", "rowspan": "td th", "size": "hr font",
    "src": "img", "start": "ol", "style": "*", "text": "body", "title": "*",
    "type": "li ol ul", "valign": "td th tr", "vlink": "body",
    "width": "hr pre table td th img",
}.items()}

# Letters, digits and the punctuation of EDGAR's ASCII set (Filer Manual table 5-1).
ASCII = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "`~!@#$%&*().-+ {}[]|\\:;\"'<>,_?/=\t\n\r\f")

NAME = re.compile(r"[a-z][a-z0-9]*(?:[_-][a-z0-9]+)?\.(?:htm|jpg|gif)")
MAX_NAME = 32
EXHIBIT_SUFFIX = ".htm"
IMAGE_SUFFIXES = (".jpg", ".gif")
# Only links to documents already filed on EDGAR may leave the submission.
SEC_ARCHIVES = re.compile(r"https?://www\.sec\.gov/Archives/edgar/data/", re.IGNORECASE)
EXTERNAL = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def name_problem(name: str, suffixes: tuple[str, ...] = (EXHIBIT_SUFFIX,)) -> str | None:
    """Say what is wrong with a file name under EDGAR's rule, or None when it is good."""
    if len(name) > MAX_NAME:
        return f"'{name}' is longer than {MAX_NAME} characters"
    if not name.endswith(suffixes):
        return f"'{name}' does not end in {' or '.join(suffixes)}"
    if not NAME.fullmatch(name):
        return (f"'{name}' breaks EDGAR's file-name rule: lowercase letters and digits, a "
                "letter first, at most one '-' or '_' inside, then the extension")
    return None


def carries(char: str) -> bool:
    """Tell whether an EDGAR exhibit can carry a character: ASCII or an HTML 4 entity's."""
    return char in ASCII or " " <= char <= "~" or ord(char) in codepoint2name


def reference(char: str) -> str:
    """Write a character for an EDGAR document: itself if ASCII, else `&#N;`."""
    return char if char in ASCII and char not in "&<>" else f"&#{ord(char)};"


def is_html4_entity(name: str) -> bool:
    """Tell whether `&name;` is one of HTML 4's named character references."""
    return name in name2codepoint
