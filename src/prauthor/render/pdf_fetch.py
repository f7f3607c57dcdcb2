"""Fetch what a PDF needs without leaving the desk: no network, no file from elsewhere."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher


class Refused(FatalURLFetchingError):
    """A template asked for a resource prauthor will not fetch; the render stops."""


class DeskFetcher(URLFetcher):
    """Serve data: URLs and files under the allowed folders; refuse everything else."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False,
                         fail_on_errors=True)
        self.roots = [Path(root).resolve() for root in roots]

    def fetch(self, url, headers=None):
        """Fetch `url` if it is a data: URL or a file inside the allowed folders."""
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise Refused(f"a template asks for {url}; prauthor fetches nothing from the "
                          "network (put the file in the desk, or embed it as a data: URL)")
        parts = urlsplit(url)
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if parts.netloc not in ("", "localhost") or not self.allows(path):
            raise Refused(f"a template asks for {url}, which is outside the desk; "
                          f"prauthor reads only files under {self.roots[0]}")
        return super().fetch(path.as_uri(), headers)

    def allows(self, path: Path) -> bool:
        """Tell whether `path` (already resolved) lies inside an allowed folder."""
        return any(path.is_relative_to(root) for root in self.roots)
