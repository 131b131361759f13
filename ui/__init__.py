"""Stockpile Planner desktop application (Qt adapter over the planner engine)."""
