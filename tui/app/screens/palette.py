"""The command palette, guarded against Textual 8.2.8 crashes under fast typing.

Found by the random-key test (tests/test_endurance.py):
- paging the list before it has been laid out (ctrl+p then PageDown at once) raises KeyError
  inside OptionList: such a key does nothing instead;
- its search worker can still run after the palette closed and fail to find its list, which
  would end the app: here a failed search only ends the search;
- a queued second Enter or Escape dismisses it twice: see tui.app.screens.modal.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette

from tui.app.screens.modal import dismissed_already

_search = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


class SafeCommandPalette(CommandPalette):
    def _action_command_list(self, action: str) -> None:
        if action.startswith("page") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP, exit_on_error=False)
    async def _gather_commands(self, search_value: str) -> None:
        if self.is_attached:
            search: Any = _search
            await search(self, search_value)

    def dismiss(self, result: object = None) -> AwaitComplete:
        return dismissed_already(self) or super().dismiss(result)  # type: ignore[arg-type]
