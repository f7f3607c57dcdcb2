"""`prauthor preview` over HTTP: what it serves, what it refuses, and bad input while it runs."""

from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import EXAMPLES
from governance_helpers import make_desk
from prauthor.preview.app import create_app
from prauthor.preview.state import Preview
from prauthor.preview.watch import relevant
from prauthor.render import Options


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    desk = make_desk(tmp_path / "desk")
    path = desk / "releases" / "rd-day.yaml"
    shutil.copy(EXAMPLES[1], path)
    return path


@pytest.fixture
def client(spec: Path):
    with TestClient(create_app(Preview(spec, Options())), base_url="http://127.0.0.1") as client:
        yield client


def wait_for(client: TestClient, test, timeout: float = 60) -> dict:
    """Poll the preview's state until `test(state)` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        state = client.get("/state").json()
        if test(state):
            return state
        assert time.monotonic() < deadline, f"timed out; last state: {state}"
        time.sleep(0.05)


def test_it_serves_the_page_text_pdf_and_findings(client, spec):
    state = wait_for(client, lambda s: s["pdf"]["pages"] > 0)
    assert state["errors"] == [] and state["wire"] == "prnewswire" and not state["final"]
    page = client.get("/page")
    assert page.status_code == 200 and b"Virtual R&amp;D Day" in page.content
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert client.get("/text").text == state["text"]
    assert "R&D Day" in state["text"]
    assert client.get("/pdf").content.startswith(b"%PDF-")
    png = client.get("/pdf/1.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    shell = client.get("/")
    assert "rd-day.yaml" in shell.text and "script-src 'self'" in shell.headers[
        "content-security-policy"]


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/prauthor.toml",
                                  "/releases/rd-day.yaml", "/pdf/0.png", "/pdf/99.png",
                                  "/page/../../boilerplate"])
def test_it_serves_nothing_but_the_release(client, path):
    wait_for(client, lambda s: s["pdf"]["pages"] > 0)
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "[desk]" not in response.text


def test_it_refuses_requests_for_another_host(client):
    response = client.get("/state", headers={"Host": "rebound.example:8765"})
    assert response.status_code == 421
    assert client.get("/state", headers={"Host": "localhost:8765"}).status_code == 200


def test_a_deleted_spec_shows_an_error_and_its_return_recovers(client, spec):
    wait_for(client, lambda s: s["html_version"] > 0)
    text = spec.read_text()
    spec.unlink()
    state = wait_for(client, lambda s: s["errors"])
    assert "rd-day.yaml" in state["errors"][0] and state["html_version"] > 0
    assert client.get("/page").status_code == 200  # the last good render stays
    spec.write_text(text.replace("Virtual R&D Day", "Hybrid R&D Day"))
    state = wait_for(client, lambda s: not s["errors"] and "Hybrid" in s["text"])


def test_a_block_or_profile_change_renders_again(client, spec):
    wait_for(client, lambda s: s["html_version"] > 0)
    profile = spec.parents[1] / "companies" / "corvane.yaml"
    profile.write_text(profile.read_text().replace("555-0142", "555-0199"))
    wait_for(client, lambda s: "555-0199" in s["text"])


def test_a_template_error_is_shown_not_fatal(spec):
    desk = spec.parents[1]
    template = desk / "templates" / "html" / "release.html.j2"
    template.parent.mkdir(parents=True)
    with TestClient(create_app(Preview(spec, Options())), base_url="http://127.0.0.1") as client:
        wait_for(client, lambda s: s["html_version"] > 0)
        template.write_text("{% if %}")
        state = wait_for(client, lambda s: s["errors"])
        assert "release.html.j2" in " ".join(state["errors"])
        template.unlink()
        wait_for(client, lambda s: not s["errors"])


def test_editor_scratch_files_are_not_inputs():
    assert not relevant("/d/.rd-day.yaml.swp") and not relevant("/d/rd-day.yaml~")
    assert not relevant("/d/4913") and relevant("/d/rd-day.yaml") and relevant("/d/v2.md")


def test_a_port_in_use_exits_2(cli, spec):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = cli("preview", spec, "--port", port)
    assert code == 2 and f"127.0.0.1:{port} is in use" in err


@pytest.mark.parametrize("args, message", [
    (["missing.yaml"], "missing.yaml: error: no such file"),
    (["SPEC", "--wire", "reuters"], "unknown wire 'reuters'"),
    (["SPEC", "--port", "70000"], "--port: 70000"),
])
def test_bad_options_exit_2(cli, spec, args, message):
    code, _, err = cli("preview", *[str(spec) if a == "SPEC" else a for a in args])
    assert code == 2 and message in err


def test_final_shows_the_final_release_and_grades_findings_as_final(spec):
    spec.write_text(spec.read_text().replace("March 18, 2026\n", "TBD\n", 1))
    with TestClient(create_app(Preview(spec, Options(draft=False), wire="businesswire")),
                    base_url="http://127.0.0.1") as client:
        state = wait_for(client, lambda s: s["html_version"] > 0)
        assert state["final"] and state["wire"] == "businesswire"
        assert "(BUSINESS WIRE)" in state["text"]
        assert b"Draft" not in client.get("/page").content
        placeholder = [f for f in state["findings"] if f["rule"] == "placeholder"]
        assert placeholder and placeholder[0]["severity"] == "error"
        assert placeholder[0]["where"].startswith("rd-day.yaml:")
