"""The preview's web server: a fixed set of routes over one release, on loopback."""

from __future__ import annotations

import errno
import ipaddress
import socket
from contextlib import asynccontextmanager
from html import escape
from importlib import resources

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from prauthor.errors import InputError
from prauthor.preview.state import Preview, Shown

# The release's page is self-contained (inline CSS, data: images): it may fetch nothing.
PAGE_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
               "base-uri 'none'; form-action 'none'")
SHELL_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                "frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'")
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream


def create_app(preview: Preview, loopback: bool = True) -> Starlette:
    """Return the web app serving `preview`; with `loopback`, only to requests that
    name this machine (a web page whose own name resolves here cannot read it)."""

    @asynccontextmanager
    async def lifespan(app):
        await preview.start()
        try:
            yield
        finally:
            await preview.stop()

    async def shell(request: Request) -> Response:
        html = _asset("shell.html").replace("{{ spec }}", escape(preview.spec.name))
        return _respond(html, "text/html; charset=utf-8", SHELL_POLICY)

    async def script(request: Request) -> Response:
        return _respond(_asset("shell.js"), "text/javascript; charset=utf-8")

    async def style(request: Request) -> Response:
        return _respond(_asset("shell.css"), "text/css; charset=utf-8")

    async def state(request: Request) -> Response:
        return JSONResponse(describe(preview, preview.shown), headers=_headers())

    async def page(request: Request) -> Response:
        draft = preview.shown.draft
        if draft is None:
            return _missing("no page yet: the release has not rendered without errors")
        return _respond(draft.html, "text/html; charset=utf-8", PAGE_POLICY)

    async def text(request: Request) -> Response:
        draft = preview.shown.draft
        if draft is None:
            return _missing("no text yet: the release has not rendered without errors")
        return _respond(draft.text, "text/plain; charset=utf-8")

    async def pdf(request: Request) -> Response:
        pages = preview.shown.pages
        if pages is None:
            return _missing("no PDF yet")
        return _respond(pages.pdf, "application/pdf")

    async def png(request: Request) -> Response:
        import asyncio

        pages = preview.shown.pages
        number = request.path_params["number"]
        if pages is None or not 1 <= number <= pages.count:
            return _missing(f"the PDF has no page {number}")
        return _respond(await asyncio.to_thread(pages.png, number), "image/png")

    async def events(request: Request) -> Response:
        async def stream():
            yield "retry: 1000\n\n"
            seen = -1
            while (version := await preview.newer_than(seen, KEEP_ALIVE)) is not None:
                if version == seen:
                    yield ": still here\n\n"
                else:
                    seen = version
                    yield f"data: {version}\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream", headers=_headers())

    async def not_found(request: Request, exc) -> Response:
        return _missing(f"{request.url.path} is not part of this preview: it serves only the "
                        "release's page, PDF, text and findings")

    routes = [Route("/", shell), Route("/preview.js", script), Route("/preview.css", style),
              Route("/state", state), Route("/events", events), Route("/page", page),
              Route("/text", text), Route("/pdf", pdf), Route("/pdf/{number:int}.png", png)]
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers={404: not_found},
                     middleware=[Middleware(LoopbackHostOnly)] if loopback else [])


class LoopbackHostOnly:
    """Refuse requests whose Host names another machine: DNS rebinding reads nothing."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and not is_loopback(_hostname(Headers(scope=scope))):
            refusal = PlainTextResponse("this preview answers only requests for localhost",
                                        status_code=421, headers=_headers())
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _hostname(headers: Headers) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit("//" + headers.get("host", "")).hostname or ""
    except ValueError:
        return ""


def describe(preview: Preview, shown: Shown) -> dict:
    """Return what the page shows, as JSON for its script."""
    draft = shown.draft
    findings = [{"severity": f.severity, "where": _where(f, preview), "message": f.message,
                 "rule": f.rule, "hint": f.hint} for f in (draft.findings if draft else ())]
    return {
        "version": shown.version, "spec": preview.spec.name,
        "wire": draft.document.meta.wire if draft else preview.wire,
        "final": not preview.options.draft,
        "html_version": shown.draft_version, "rendered_at": shown.rendered_at,
        "errors": list(shown.errors), "failed_at": shown.failed_at,
        "text": draft.text if draft else "", "findings": findings,
        "pdf": {"version": shown.pdf_version, "pages": shown.pages.count if shown.pages else 0,
                "error": shown.pdf_error, "warnings": list(shown.pdf_warnings),
                "rendering": shown.pdf_pending},
    }


def _where(finding, preview: Preview) -> str:
    if not finding.file:
        return ""
    name = finding.file.name if finding.file.resolve() == preview.spec.resolve() \
        else str(finding.file)
    return f"{name}:{finding.line}" if finding.line else name


def _asset(name: str) -> str:
    return (resources.files("prauthor.preview") / name).read_text(encoding="utf-8")


def _headers(policy: str | None = None) -> dict[str, str]:
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
               "Referrer-Policy": "no-referrer", "X-Frame-Options": "SAMEORIGIN"}
    if policy:
        headers["Content-Security-Policy"] = policy
    return headers


def _respond(content: str | bytes, media_type: str, policy: str | None = None) -> Response:
    return Response(content, media_type=media_type, headers=_headers(policy))


def _missing(message: str) -> Response:
    return PlainTextResponse(message, status_code=404, headers=_headers())


def is_loopback(host: str) -> bool:
    """Tell whether `host` names this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """Open the listening socket, or raise InputError (exit 2) saying why it cannot be."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(64)
    except OSError as error:
        sock.close()
        why = ("is in use: stop what holds it, or pick another --port (0 picks a free one)"
               if error.errno == errno.EADDRINUSE else f"cannot be bound: {error.strerror}")
        raise InputError.one("--port", f"{host}:{port} {why}") from None
    return sock


def url(sock: socket.socket) -> str:
    """Return the address a bound socket serves."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(preview: Preview, sock: socket.socket) -> None:
    """Serve the preview on a bound socket until interrupted (Ctrl-C)."""
    import uvicorn

    host = sock.getsockname()[0]
    config = uvicorn.Config(create_app(preview, is_loopback(host)), log_level="warning",
                            timeout_graceful_shutdown=1, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
