"""Text whose wrapped lines keep their indent: a note's second line under its first word, not
under the bullet (the Sources pane's notes and provenance)."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

#: A paragraph: its head (a bullet, an indent, a label), then its body, wrapped under itself.
Paragraph = tuple[str, Text]


def hang(paragraphs: list[Paragraph], width: int, wrap: Callable[[Text, int], list[Text]]) -> Text:
    """The paragraphs at `width`, each body's wrapped lines indented by its head's width.
    `wrap(text, width)` gives a text's lines."""
    lines: list[Text] = []
    for head, body in paragraphs:
        indent = cell_len(head)
        wrapped = wrap(body, max(width - indent, 8)) if body.plain else [Text()]
        for index, line in enumerate(wrapped):
            lead = Text(head if index == 0 else " " * indent, style=body.style)
            lines.append(Text.assemble(lead, line))
    return Text("\n").join(lines)


class HangingText(Widget):
    DEFAULT_CSS = "HangingText { height: auto; }"

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.paragraphs: list[Paragraph] = []

    def update(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.refresh(layout=True)

    def _wrap(self, text: Text, width: int) -> list[Text]:
        return list(text.wrap(self.app.console, width))

    def _text(self, width: int) -> Text:
        return hang(self.paragraphs, max(width, 1), self._wrap)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._text(width).split("\n"))

    def render(self) -> Text:
        return self._text(self.content_region.width)
