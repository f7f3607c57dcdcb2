"""Write outputs to disk: the one place prauthor writes files, atomically."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from prauthor.errors import problem


def write_all(outputs: dict[Path, bytes]) -> list[Path]:
    """Write every output, or none: all go to temporary files first, then into place."""
    made: list[Path] = []  # folders this call created, removed again if anything fails
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs.items():
            staged.append((_stage(path, data, made), path))
    except OSError as error:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        for folder in reversed(made):
            _remove_empty(folder)
        where = Path(error.filename) if error.filename else None
        raise problem(where, None, "", f"cannot write: {error.strerror or error}") from None
    for temporary, path in staged:
        os.replace(temporary, path)
    return [path for _, path in staged]


def write_file(path: Path, data: bytes) -> None:
    """Write one file so that readers see either the old file or the whole new one."""
    write_all({path: data})


def _stage(path: Path, data: bytes, made: list[Path]) -> str:
    """Write `data` to a temporary file beside `path`; check that the rename will work."""
    if len(path.name.encode("utf-8")) > 255:
        raise OSError(errno.ENAMETOOLONG, "file name too long", str(path))
    missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:  # another process made it meanwhile: not ours to remove
            continue
        made.append(folder)
    if path.is_dir():
        raise OSError(errno.EISDIR, "a folder of that name is in the way", str(path))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:64]}.",
                                         suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
