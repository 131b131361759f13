"""Package data (presets, style sheet, icons) read through importlib.resources.

The files live in the source tree's top-level ``resources/`` folder, which installs as the
package ``planner.resources``; reading them through importlib works the same from a
checkout, an editable install and a wheel.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "planner.resources"
_extracted = ExitStack()
atexit.register(_extracted.close)


def resource(*parts: str) -> Traversable:
    """A bundled file, for reading."""
    return files(PACKAGE).joinpath(*parts)


def resource_path(*parts: str) -> Path:
    """A bundled file as a path on disk (for Qt, which wants a file name)."""
    return Path(_extracted.enter_context(as_file(resource(*parts))))
