"""The printed exposure summary: painter, PDF, print and preview."""
