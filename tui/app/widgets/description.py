"""A pane's description above its table: whole when it is short, else its first lines with an
ellipsis and the key that shows the rest, so a long one (a records file's, eleven lines at
80 columns) does not leave the table three rows."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

#: The key that shows the whole description, and cuts it again.
KEY = "i"
MORE = f" … {KEY}: all of it"
LESS = f"  ({KEY}: fewer lines)"


def cut_lines(lines: list[Text], limit: int, width: int) -> list[Text]:
    """The first `limit` of `lines`, the last ending with an ellipsis and the key."""
    shown = [line.copy() for line in lines[:limit]]
    last = shown[-1]
    last.rstrip()
    room = max(width - cell_len(MORE), 0)
    if last.cell_len > room:
        last.truncate(room)
        last.rstrip()
    last.append(MORE, style="bold")
    return shown


class Description(Widget):
    """At most a fifth of the screen's height (4 lines at 24, 11 at 60) unless `expanded`."""

    DEFAULT_CSS = "Description { height: auto; }"

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.text = Text()
        self.expanded = False

    def update(self, text: Text) -> None:
        self.text = text
        self.refresh(layout=True)

    @property
    def max_lines(self) -> int:
        return max(3, (self.app.size.height - 4) // 5)

    def _lines(self, width: int) -> list[Text]:
        return list(self.text.wrap(self.app.console, max(width, 1)))

    def is_cut(self, width: int | None = None) -> bool:
        return len(self._lines(width or self.content_region.width)) > self.max_lines

    def toggle(self) -> bool:
        """Show all of it, or its first lines again; False when it is short anyway."""
        if not self.is_cut():
            return False
        self.expanded = not self.expanded
        self.refresh(layout=True)
        return True

    def _shown(self, width: int) -> Text:
        lines = self._lines(width)
        if len(lines) <= self.max_lines:
            return self.text
        if self.expanded:
            return Text.assemble(self.text, (LESS, "bold"))
        return Text("\n").join(cut_lines(lines, self.max_lines, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._shown(width).wrap(self.app.console, max(width, 1)))

    def render(self) -> Text:
        return self._shown(self.content_region.width)
