"""Stockpile Planner's engine: data model, validation, figures, files, command line.

This package never imports Qt; the desktop application in ``ui`` is an adapter over it.
"""

from planner.analysis.compute import Report, compute
from planner.core.errors import FileRefused, InputError, PlannerError, Problem, ProjectFileError
from planner.inputs.files import export, load
from planner.inputs.project import Project, Settings

__all__ = [
    "FileRefused", "InputError", "PlannerError", "Problem", "Project", "ProjectFileError",
    "Report", "Settings", "compute", "export", "load",
]
