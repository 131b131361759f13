"""Package data (presets, style sheet, icons, samples, the guide) read through
importlib.resources.

The files live in the source tree's top-level ``resources/`` folder, which installs as the
package ``planner.resources``; the sample workbooks (``samples/``) install as
``planner.resources.samples`` and the definitions (``docs/definitions.md``) as
``planner.resources.docs``, so that each has one source in the tree. Reading them through
importlib works the same from a checkout, an editable install and a wheel.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "planner.resources"
SAMPLES = "planner.resources.samples"
DOCS = "planner.resources.docs"
_extracted = ExitStack()
atexit.register(_extracted.close)


def resource(*parts: str) -> Traversable:
    """A bundled file, for reading."""
    return files(PACKAGE).joinpath(*parts)


def resource_path(*parts: str) -> Path:
    """A bundled file as a path on disk (for Qt, which wants a file name)."""
    return Path(_extracted.enter_context(as_file(resource(*parts))))


def samples() -> list[Path]:
    """The sample workbooks shipped with the program, as paths on disk, by name."""
    folder = files(SAMPLES)
    return sorted((resource_file(SAMPLES, entry.name) for entry in folder.iterdir()
                   if entry.name.endswith(".xlsx")), key=lambda path: path.name)


def resource_file(package: str, name: str) -> Path:
    """The file ``name`` of the data package ``package`` as a path on disk."""
    return Path(_extracted.enter_context(as_file(files(package).joinpath(name))))


def definitions() -> str:
    """docs/definitions.md, the definitions of every figure (the window's guide)."""
    return files(DOCS).joinpath("definitions.md").read_text(encoding="utf-8")
