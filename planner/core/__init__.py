"""Shared machinery: errors, atomic writes, formatting, palette, resources."""
