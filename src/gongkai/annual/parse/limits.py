"""Bounds on what reading one document may cost. Hostile or broken files are refused within them."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Configurable ceilings; the defaults suit real annual reports with a wide margin.

    A real report is a few hundred KB of text or a few MB of PDF, under 50 pages.
    """

    max_bytes: int = 50 * MIB  # size of the file as given
    max_unpacked_bytes: int = 200 * MIB  # total size of the parts of a DOCX (zip bombs)
    max_pages: int = 300  # PDF pages read
    max_rows: int = 200_000  # rows of the document handed to the interpreter
    max_nesting: int = 256  # element depth of HTML/XML
    seconds: float = 60.0  # wall time for one document (enforced by the bounded runner)
    memory_bytes: int = 2048 * MIB  # address space for one document (enforced by the bounded runner)


DEFAULT_LIMITS = Limits()
