"""Turn a PDF's pages into PNG images for the preview, page by page as they are asked for."""

from __future__ import annotations

import io
import threading

SCALE = 1.5  # 108 dots per inch: sharp enough to read a footnote beside the HTML page


class Pages:
    """One PDF's pages as PNG images, each drawn once, when first asked for."""

    _lock = threading.Lock()  # PDFium is not thread-safe: one drawing at a time

    def __init__(self, pdf: bytes):
        import pypdfium2

        self.pdf = pdf
        with self._lock:
            self._document = pypdfium2.PdfDocument(pdf)
            self.count = len(self._document)
        self._png: dict[int, bytes] = {}

    def png(self, number: int) -> bytes:
        """Return page `number` (from 1) as PNG; raise IndexError for a page not there."""
        if not 1 <= number <= self.count:
            raise IndexError(number)
        if number not in self._png:
            with self._lock:
                image = self._document[number - 1].render(scale=SCALE).to_pil()
            stream = io.BytesIO()
            image.save(stream, "PNG", compress_level=1)  # drawn for a screen, not stored
            self._png[number] = stream.getvalue()
        return self._png[number]
