"""Make a Word package reproducible: the same parts give the same bytes."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO

UNIX = 3  # ZipInfo's "made on" system; fixed so that Windows and Unix give the same bytes


def repack(data: bytes, when: dt.date) -> bytes:
    """Rewrite a .docx zip with every entry stamped `when` and fixed attributes."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = UNIX
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename), compresslevel=6)
    return out.getvalue()
