"""The sample projects; the workbooks install as planner.resources.samples (pyproject.toml)."""
