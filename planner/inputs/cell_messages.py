"""Messages about cells: what a parser says about a value it cannot read, before and
after its column is named, and how a value is quoted in a message.

A message is an error, unless it is a :class:`WarningMessage`: the value is then kept.
A message names no column ("must be a number, got "abc""); it is a :class:`CellMessage`,
and :func:`named` makes it the whole sentence about a column, translated as one sentence
("員数（qty_per）は数値で入力してください（入力値: "abc"）" in Japanese).
"""

from __future__ import annotations

from planner.core.i18n import _

Messages = dict[int, str]


class CellMessage(str):
    """A parser's message about one cell, before its column is named.

    Its text is the message without the column ("must be a number, got "abc""), as
    parsers have always given it; ``template`` is the whole sentence, translated when the
    cell was read, with a ``{column}`` placeholder ("{column} must be a number, got
    {value}"), which :func:`named` fills. A CellMessage made from text alone (no template)
    is named by putting the column before it.
    """

    template: str
    fields: dict[str, str]

    def __new__(cls, text: str = "", template: str = "",
                fields: dict[str, str] | None = None) -> CellMessage:
        made = super().__new__(cls, text)
        made.template, made.fields = template, dict(fields or {})
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (str(self), self.template, self.fields))

    def sentence(self, column: str) -> str:
        """The whole message about a cell of ``column``."""
        if not self.template:
            return f"{column} {self}"
        return self.template.format(column=column, **self.fields)


class WarningMessage(CellMessage):
    """A message about a value that is kept as read: the input is still accepted, and
    the message is shown as a warning. Any other message is an error."""


def is_warning(message: str) -> bool:
    return isinstance(message, WarningMessage)


def cell(template: str, column: str = "", *, warning: bool = False,
         **fields: str) -> CellMessage:
    """A message from the translated sentence ``template``; its text names ``column``
    ("kind") or, when blank, no column, as parsers' messages always have."""
    kind = WarningMessage if warning else CellMessage
    text = template.format(column=column, **fields)
    return kind(text if column else text.lstrip(), template, fields)


def named(message: str, column: str) -> str:
    """The whole sentence of a parser's ``message`` about a cell of ``column`` (the
    column's label, planner.inputs.schema.Column.label: "qty_per", "員数（qty_per）"), in
    the language chosen; still a warning if it was one. A plain text message is put after
    the column, unless it already starts with the column's name."""
    if isinstance(message, CellMessage) and message.template:
        text = message.sentence(column)
    elif message.startswith(column):
        return message
    else:
        text = f"{column} {message}"
    return WarningMessage(text) if is_warning(message) else text


def as_positive(message: str) -> str:
    """The message of a cell that is no number, for a column that must be positive:
    "must be a positive number, got "abc"" (a plain text message as str.replace makes it)."""
    if isinstance(message, CellMessage) and message.template:
        if message.template == number_sentence():
            # fields are a parser's placeholders (value, number): never column or warning
            return cell(_("{column} must be a positive number, got {value}"),
                        **message.fields)  # type: ignore[arg-type]
        if message.template == number_comma_sentence():
            return cell(_("{column} must be a positive number (write {number} with a "
                          "decimal point), got {value}"),
                        **message.fields)  # type: ignore[arg-type]
        return message
    return message.replace("must be a number", "must be a positive number", 1)


def printable(value: object) -> str:
    """Text for a message: characters that cannot be seen (a zero-width space, a
    non-breaking space, a line break) spelled as \\u200b, so that a problem is one line
    and says what is really in the cell."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def shown(value: object) -> str:
    """A raw value as quoted in a message, shortened if long, invisible characters
    spelled out."""
    text = str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if len(text) > 40:
        text = text[:37] + "..."
    return f'"{printable(text)}"'


# the sentences of parse_numbers that as_positive knows, by name
def number_sentence() -> str:
    return _("{column} must be a number, got {value}")


def number_comma_sentence() -> str:
    return _("{column} must be a number (write {number} with a decimal point), got {value}")

