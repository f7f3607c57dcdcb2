"""Start `prauthor preview` in its own process and open it in headless Chromium."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import require_tool

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

# True once the preview frame shows the headline `expected`: the page has been rendered.
HEADLINE_IN_PAGE = """expected => {
  const frame = document.querySelector('#page');
  const h1 = frame && frame.contentDocument && frame.contentDocument.querySelector('h1');
  return h1 !== null && h1.textContent.trim() === expected;
}"""


@contextmanager
def preview_server(spec: Path, *options: str):
    """Run `prauthor preview SPEC` on a free loopback port; yield (url, process).

    On leaving, stop it as Ctrl-C does and check that it exits cleanly.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "prauthor", "preview", str(spec), "--port", "0", *options],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"})
    try:
        line = process.stderr.readline()
        assert " at http://127.0.0.1:" in line, line + process.stderr.read()
        yield line.split(" at ")[1].split()[0], process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                pytest.fail("the preview did not stop on Ctrl-C")
        process.stderr.close()
    assert process.returncode == 0


@contextmanager
def chromium_page():
    """Yield a Playwright page in the system's headless Chromium (never a downloaded one)."""
    executable = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            # bypass_csp: Playwright evaluates its own probes as strings, which the page forbids.
            yield browser.new_page(viewport={"width": 1600, "height": 1000}, bypass_csp=True)
        finally:
            browser.close()
