"""Talk to LibreOffice through uno_office.py, run by the system Python that has UNO."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HELPER = Path(__file__).with_name("uno_office.py")
SYSTEM_PYTHON = "/usr/bin/python3"


class Office:
    """One soffice session: edit DOCX files as a reviewer would, read back what they show."""

    def __init__(self):
        self.process = subprocess.Popen([SYSTEM_PYTHON, str(HELPER)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True)
        ready = self._answer()
        assert ready.get("ready"), ready

    def _answer(self) -> dict:
        line = self.process.stdout.readline()
        assert line, "the LibreOffice helper stopped"
        return json.loads(line)

    def ask(self, request: dict) -> dict:
        """Send one request; fail the test if LibreOffice reports an error."""
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self._answer()
        assert "error" not in answer, answer["error"]
        return answer

    def edit(self, source: Path, out: Path, author: str, steps: list[dict]) -> Path:
        """Record `steps` as tracked changes and comments by `author`; save as DOCX."""
        self.ask({"edit": str(source), "out": str(out), "author": author, "steps": steps})
        return out

    def read(self, path: Path) -> dict:
        """Return the tracked changes, comments and paragraphs LibreOffice shows."""
        return self.ask({"read": str(path)})

    def close(self) -> None:
        """End the session and soffice with it."""
        self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


def start_office() -> Office:
    """Start a session, or skip saying what is missing."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed (scripts/setup installs it)")
    done = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    if done.returncode:
        pytest.skip(f"{SYSTEM_PYTHON} cannot import uno: install python3-uno "
                    "(scripts/setup does)")
    return Office()
