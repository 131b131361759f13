"""The printed summary as a PDF, drawn by a renderer registered through an entry point.

The drawing is Qt's (the desktop application's painter, the same one the printer and the
print preview use), but the engine never imports ``ui``: the renderer registers itself in
the package metadata under the entry-point group :data:`RENDERERS` (see pyproject.toml),
as glue registers its data factories, and :func:`write_summary_pdf` looks it up by name.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.atomic import write_atomic
from planner.core.errors import PlannerError, ProjectFileError

if TYPE_CHECKING:
    from planner.outputs.summary import Summary

RENDERERS = "stockpile_planner.renderers"
SUMMARY_PDF = "summary-pdf"
# Less free space than this after a PDF came out short: the disk is full (a failed write
# leaves the last few blocks of the disk unused, or fills it to the last byte).
FULL_DISK_BYTES = 64 * 1024
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")

# render(summary, path, page_size, title) -> number of pages written to path
Renderer = Callable[["Summary", Path, str, str], int]


def summary_renderer() -> Renderer:
    """The installed summary renderer; PlannerError when there is none."""
    for ep in entry_points(group=RENDERERS, name=SUMMARY_PDF):
        renderer: Renderer = ep.load()
        return renderer
    raise PlannerError("cannot write the PDF: no summary renderer is installed "
                       "(reinstall Stockpile Planner with its desktop application)")


def write_summary_pdf(summary: Summary, path: Path, page_size: str = "a4") -> int:
    """Write the summary to ``path`` atomically; returns the page count."""
    path = Path(path)
    render = summary_renderer()
    title = f"{summary.title} — {summary.company or path.stem}"
    pages = 0

    def write(tmp: Path) -> None:
        nonlocal pages
        pages = render(summary, tmp, page_size, title)
        check_pdf(tmp, path)

    write_atomic(path, write)
    return pages


def check_pdf(tmp: Path, path: Path) -> None:
    """Refuse a PDF the renderer did not write completely, before it replaces ``path``.

    Qt's PDF writer says nothing when the disk is full: it leaves a short file. A complete
    one is not empty, has at least one page and ends with its ``%%EOF`` trailer.
    """
    try:
        data = tmp.read_bytes()
    except FileNotFoundError:
        # the renderer could not create the file: creating it here says why (read-only...)
        tmp.open("wb").close()
        data = b""
    if data.rstrip().endswith(b"%%EOF") and _PAGE.search(data):
        return
    try:
        full = shutil.disk_usage(tmp.parent).free < FULL_DISK_BYTES
    except OSError:
        full = False
    why = "the disk is full" if full else "the PDF could not be written completely"
    raise ProjectFileError(f"could not write {path.name}: {why}")


__all__ = ["RENDERERS", "SUMMARY_PDF", "check_pdf", "summary_renderer", "write_summary_pdf"]
