"""Collect what WeasyPrint logs while it renders, so that prauthor can report it."""

from __future__ import annotations

import logging
import threading

import weasyprint


class WeasyPrintLog(logging.Handler):
    """Within `with`, gather this thread's WeasyPrint warnings and errors, each once."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        """Keep one message, dropping repeats and other threads' records."""
        message = record.getMessage()
        if record.thread == self.thread and message not in self.messages:
            self.messages.append(message)

    def __enter__(self) -> WeasyPrintLog:
        weasyprint.LOGGER.addHandler(self)
        return self

    def __exit__(self, *exc_info) -> None:
        weasyprint.LOGGER.removeHandler(self)
