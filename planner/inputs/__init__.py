"""The input side: the template, reading, parsing, validation, the project and its storage."""
