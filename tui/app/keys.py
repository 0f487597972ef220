"""Keys typed faster than Textual delivers its focus news: typed into a text box at once."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


async def type_now(box: Input, event: events.Key) -> bool:
    """Type `event` into `box` now if it is the box's: a character, or a key the box binds
    (Backspace, ctrl+u, arrows, Enter, Esc). A priority binding (ctrl+q) still comes first.

    A box that selects its text when focused is left to Textual: it selects on its Focus
    event, which must come before the keys typed after it."""
    if box.select_on_focus:
        return False
    bound = box.app.active_bindings.get(event.key)
    if bound is not None and bound.binding.priority:
        return False
    if event.is_printable and event.character is not None:
        if box.selection.is_empty:
            box.insert_text_at_cursor(event.character)
        else:
            box.replace(event.character, *box.selection)
        return True
    if bound is None or bound.node is not box or not bound.enabled:
        return False
    # False if the box passes (SkipAction): then Textual's way, on to the next binding.
    return await box.app.run_action(bound.binding.action, box)
