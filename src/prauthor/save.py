"""Write outputs to disk: the one place prauthor writes files, atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_all(outputs: dict[Path, bytes]) -> list[Path]:
    """Write every output, each via a temporary file renamed into place."""
    written = []
    for path, data in outputs.items():
        write_file(path, data)
        written.append(path)
    return written


def write_file(path: Path, data: bytes) -> None:
    """Write one file so that readers see either the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
