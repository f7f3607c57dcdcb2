"""Read the images a release names: only from its folder or its desk, checked by Pillow.

A desk may set its own limits in prauthor.toml:

    [images]
    max_bytes = 5_000_000        # file size
    max_pixels = 25_000_000      # width times height
    formats = ["png", "jpeg"]    # of png, jpeg, gif
"""

from __future__ import annotations

import hashlib
import io
import tomllib
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from prauthor.document import Image, Spans
from prauthor.errors import InputError, Problem, shown
from prauthor.validation import suggest

CONFIG = "prauthor.toml"
FORMATS = ("png", "jpeg", "gif")
PILLOW_FORMATS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif"}
KEYS = ("max_bytes", "max_pixels", "formats")


@dataclass(frozen=True)
class Limits:
    """What a desk accepts: file size, pixel count and formats."""

    max_bytes: int = 10_000_000
    max_pixels: int = 40_000_000
    formats: tuple[str, ...] = FORMATS


@dataclass(frozen=True)
class Wanted:
    """An image a spec or profile names, and where it may be read from."""

    file: str
    alt: str
    base: Path  # the folder `file` is relative to
    roots: tuple[Path, ...]  # folders the file must lie in
    caption: Spans = ()
    credit: str | None = None
    url: str | None = None
    kind: str = "photo"
    also: tuple[Path, ...] = ()  # other folders it was looked for in


def read_image(wanted: Wanted, limits: Limits) -> Image | str:
    """Return the checked image, or say what is wrong with it."""
    path = (wanted.base / wanted.file).resolve()
    if not any(path.is_relative_to(root.resolve()) for root in wanted.roots):
        return (f"'{wanted.file}' is outside the release's folder and its desk; images are "
                "read only from there")
    if not path.is_file():
        looked = " and ".join(dict.fromkeys(shown(folder / wanted.file)
                                            for folder in (wanted.base, *wanted.also)))
        return f"no image file '{wanted.file}' (looked for {looked})"
    size = path.stat().st_size
    if size > limits.max_bytes:
        return f"'{wanted.file}' is {size:,} bytes; the desk takes at most {limits.max_bytes:,}"
    data = path.read_bytes()
    if path.suffix.lower() in (".svg", ".svgz") or data.lstrip()[:1] == b"<":
        return (f"'{wanted.file}' is SVG, which can carry scripts and links; export it as "
                "PNG")
    digest = hashlib.sha256(data).hexdigest()
    checked = _checked_once(digest, data, wanted.file, limits)
    if isinstance(checked, str):
        return checked
    kind, width, height = checked
    return Image(data=data, format=kind, width=width, height=height, alt=wanted.alt,
                 name=path.name, sha256=digest, caption=wanted.caption, credit=wanted.credit,
                 url=wanted.url, kind=wanted.kind)


_verdicts: dict[tuple[str, str, Limits], tuple[str, int, int] | str] = {}


def _checked_once(digest: str, data: bytes, name: str, limits: Limits):
    """Check each content once a process: a logo every release shows is decoded once."""
    key = (digest, name, limits)
    if key not in _verdicts:
        _verdicts[key] = _checked(data, name, limits)
    return _verdicts[key]


def _checked(data: bytes, name: str, limits: Limits) -> tuple[str, int, int] | str:
    """Open the bytes with Pillow: format, pixel size, and every pixel decodable."""
    from PIL import Image as Pillow
    from PIL import ImageFile, UnidentifiedImageError

    allowed = ", ".join(f.upper() for f in limits.formats)
    # WeasyPrint tells Pillow, process-wide, to accept cut-short files: not here.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(io.BytesIO(data)) as image:
                kind = PILLOW_FORMATS.get(image.format or "")
                width, height = image.size
                if kind not in limits.formats:
                    return f"'{name}' is {image.format or 'an unknown'} format; use {allowed}"
                if width * height > limits.max_pixels:
                    return (f"'{name}' is {width} x {height} pixels; the desk takes at most "
                            f"{limits.max_pixels:,} pixels")
                image.load()
    except UnidentifiedImageError:
        return f"'{name}' is not an image Pillow can read; use {allowed}"
    except (OSError, SyntaxError, ValueError, Pillow.DecompressionBombWarning,
            Pillow.DecompressionBombError) as error:
        return f"'{name}' is damaged or cut short: {error}"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return kind, width, height


def desk_limits(desk_root: Path) -> Limits:
    """Return the desk's image limits; raise InputError for a broken [images] table."""
    path = desk_root / CONFIG
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    return _limits(path, stamp)


@lru_cache(maxsize=32)
def _limits(path: Path, stamp: int | None) -> Limits:
    if stamp is None:
        return Limits()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("images", {})
    except tomllib.TOMLDecodeError:
        return Limits()  # desk.py reports a broken prauthor.toml, with its line
    problems = [Problem(path, None, f"images.{key}", "unknown setting" + suggest(key, KEYS))
                for key in table if key not in KEYS]
    values = {}
    for key in ("max_bytes", "max_pixels"):
        if key in table:
            if isinstance(table[key], int) and table[key] > 0:
                values[key] = table[key]
            else:
                problems.append(Problem(path, None, f"images.{key}", "a positive whole number"))
    if "formats" in table:
        formats = table["formats"]
        if not isinstance(formats, list) or not formats or \
                not set(map(str, formats)) <= set(FORMATS):
            problems.append(Problem(path, None, "images.formats",
                                    f"a list of {', '.join(FORMATS)}"))
        else:
            values["formats"] = tuple(str(f) for f in formats)
    if problems:
        raise InputError(problems)
    return Limits(**values)
