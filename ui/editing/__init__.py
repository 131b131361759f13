"""Table editing: the open document, undo commands, table models and pages."""
