"""The one place the application imports Qt from (as Anki's aqt.qt does).

Everything in ``ui`` imports Qt names from here, so a binding change or a compatibility
shim touches one file.
"""


__all__ = [name for name in dir() if name[0].isupper()]
