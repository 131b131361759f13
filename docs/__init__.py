"""The documentation; definitions.md installs as planner.resources.docs (pyproject.toml)."""
