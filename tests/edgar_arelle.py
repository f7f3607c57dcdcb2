"""Run Arelle's EDGAR Filer Manual checks for HTML documents on one file.

arelle-release ships the checks but not the EDGAR plugin that selects them, so this
switches them on as that plugin does: the file-text check (characters, entities,
byte-order mark, EFM 5.2.1-5.2.2), the EDGAR body DTD (the Filer Manual's elements and
attributes), and the HTML content check (external references, active content,
graphics, nested tables, EFM 5.2.5), with JPEG and GIF files as the only graphics.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

IMAGE_TYPES = {"img-file-extensions": ["jpg", "gif"], "mime-types": ["image/jpeg", "image/gif"],
               "data-scheme": False}
SEC_LINKS = re.compile(r"^https?://www\.sec\.gov/Archives/edgar/data/")


def arelle_messages(path: Path) -> list[str]:
    """Return Arelle's EDGAR error and warning messages for an HTML file."""
    from arelle import Cntlr, ValidateFilingText

    cntlr = Cntlr.Cntlr(logFileName="logToBuffer")
    try:
        manager = cntlr.modelManager
        manager.validateDisclosureSystem = True
        system = manager.disclosureSystem
        system.validateFileText = system.validateEntryText = True
        system.allowedImageTypes, system.allowedExternalHrefPattern = IMAGE_TYPES, SEC_LINKS
        model = manager.load(str(path))
        root = model.modelDocument.xmlRootElement if model.modelDocument else None
        if root is not None:
            body = next(root.iterchildren("body", "{*}body"), root)
            ValidateFilingText.validateHtmlContent(model, body, body, path.name, "EFM.5.02.05.")
            _validate_dtd(model, path, cntlr.configDir)
        return [line for line in cntlr.logHandler.getLines()
                if re.search(r"\[(EFM|xmlSchema|lxml|arelle)[^\]]*\]", line)]
    finally:
        cntlr.close()


def _validate_dtd(model, path: Path, config_dir: str) -> None:
    """Check the body against edbody.dtd, the way Arelle checks HTML text blocks."""
    from arelle.ValidateFilingText import removeEntities

    text = path.read_text(encoding="ascii", errors="replace")
    body = re.search(r"<body[^>]*>.*</body>", text, re.S | re.I)
    dtd = etree.DTD(os.path.join(config_dir, "edbody.dtd"))
    try:
        xml = etree.XML(removeEntities(body.group(0) if body else "<body/>").encode())
    except etree.XMLSyntaxError as error:
        model.error("EFM.5.02.05.xml", "%(error)s", modelObject=model, error=str(error))
        return
    if not dtd.validate(xml):
        for error in dtd.error_log.filter_from_errors():
            model.error("EFM.5.02.05.dtd", "%(error)s (line %(line)s)", modelObject=model,
                        error=error.message, line=error.line)
