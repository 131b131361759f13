"""The analysis: requirements and cover, the plan and its allocation, scenarios and presets."""
