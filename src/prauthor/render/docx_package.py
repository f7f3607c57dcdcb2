"""Make a Word package reproducible: the same parts give the same bytes."""

from __future__ import annotations

import datetime as dt
import zipfile
from html import escape
from io import BytesIO

UNIX = 3  # ZipInfo's "made on" system; fixed so that Windows and Unix give the same bytes

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# ECMA-376 part 1, 22.3.2.2: a custom property's fmtid is this fixed GUID.
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def repack(data: bytes, when: dt.date, custom: dict[str, str] | None = None) -> bytes:
    """Rewrite a .docx zip with every entry stamped `when` and fixed attributes.

    `custom` adds text custom properties (File > Properties > Custom in Word).
    """
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        parts = {entry.filename: source.read(entry.filename) for entry in source.infolist()}
        if custom:
            parts = _with_custom(parts, custom)
        for name, content in parts.items():
            fixed = zipfile.ZipInfo(name, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = UNIX
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content, compresslevel=6)
    return out.getvalue()


def _with_custom(parts: dict[str, bytes], custom: dict[str, str]) -> dict[str, bytes]:
    """Add the custom properties part, its content type and its package relationship."""
    items = "".join(f'<property fmtid="{CUSTOM_FMTID}" pid="{pid}" name="{escape(name)}">'
                    f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
                    for pid, (name, value) in enumerate(custom.items(), start=2))
    parts = dict(parts)
    parts[CUSTOM_PART] = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                          f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}'
                          "</Properties>").encode()
    types = parts["[Content_Types].xml"].decode()
    if f'PartName="/{CUSTOM_PART}"' not in types:
        override = f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/>'
        parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    rels = parts["_rels/.rels"].decode()
    if CUSTOM_REL not in rels:
        rel = f'<Relationship Id="rIdCustom" Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/>'
        parts["_rels/.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
    return parts


def custom_properties(package: zipfile.ZipFile) -> dict[str, str]:
    """Return the text custom properties of an open .docx package."""
    from lxml import etree

    try:
        root = etree.fromstring(package.read(CUSTOM_PART))
    except KeyError:
        return {}
    return {prop.get("name"): "".join(prop.itertext())
            for prop in root.iter(f"{{{CUSTOM_NS}}}property")}
