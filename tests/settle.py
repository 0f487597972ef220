"""Waiting on the explorer by conditions, never by guessing a delay.

`settle` returns once the app has nothing left to do: every message handled (keys included),
every worker finished, the screen laid out. It fails loudly if that never comes.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, TabbedContent, Tabs
from textual.worker import WorkerCancelled, WorkerFailed

# Not a guess at how long anything takes (settle returns as soon as the app is idle): the
# point past which it is taken for never settling (a loop of messages), and the test fails.
GIVE_UP = 120.0

NAMES = {"/": "slash", "?": "question_mark", " ": "space"}
CHARACTERS = {
    "enter": "\r",
    "escape": "\x1b",
    "backspace": "\x7f",
    "tab": "\t",
    "ctrl+u": "\x15",
    **{name: character for character, name in NAMES.items()},
}


def key_event(key: str) -> events.Key:
    """The event a terminal sends for `key`: a character (`a`, `/`) or a name (`enter`)."""
    name = NAMES.get(key, key)
    return events.Key(name, CHARACTERS.get(name, key if len(key) == 1 else None))


def send(app: App[Any], keys: Iterable[str]) -> None:
    """Every key at once, as a paste or fast typing delivers them: none is handled before the
    last one is queued."""
    for key in keys:
        app.post_message(key_event(key))


def _idle(app: App[Any]) -> bool:
    # Message queues are Textual's own (no public API says "nothing pending"); tests only.
    nodes = [app, *(node for s in app.screen_stack for node in s.walk_children(with_self=True))]
    return all(worker.is_finished for worker in app.workers) and all(
        node._message_queue.empty() for node in nodes
    )


async def settle(pilot: Pilot[Any]) -> None:
    app = pilot.app
    give_up = time.monotonic() + GIVE_UP
    while time.monotonic() < give_up:
        while not all(worker.is_finished for worker in app.workers):
            # A worker replaced by a newer one ends cancelled; one that failed has told the
            # user (what the tests look at).
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await app.workers.wait_for_complete()
        if not app.is_running:
            return
        await pilot.pause()  # the messages queued so far, then a layout and paint
        if _idle(app):
            return
    raise AssertionError("the explorer never settled")


async def until(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """For what settle cannot wait on (a worker kept waiting on purpose): `condition`, seen."""
    give_up = time.monotonic() + GIVE_UP
    while time.monotonic() < give_up:
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never came: {what}")


def pane_shown(app: Any) -> str:
    """The pane in front, after checking that the tab bar, the content shown and the focus
    all say the same one."""
    tabbed = app.main.query_one(TabbedContent)
    tab = app.main.query_one(Tabs).active_tab
    content = app.main.query_one(ContentSwitcher).visible_content
    assert tab is not None
    assert content is not None
    shown = {
        "tabbed content": tabbed.active,
        "tab bar": tab.id.removeprefix("--content-tab-"),
        "content": content.id,
    }
    focused = app.main.focused
    panes = [n for n in focused.ancestors if n.parent is content.parent] if focused else []
    if panes:  # the focus is in a pane: the one in front
        shown["focus"] = panes[0].id
    assert len(set(shown.values())) == 1, shown
    return str(tabbed.active)
