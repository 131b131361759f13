"""Package data: presets, style sheet, icons (installed as planner.resources)."""
