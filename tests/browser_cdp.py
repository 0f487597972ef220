"""Just enough of the Chrome DevTools protocol to drive the installed Chromium from a test.

No driver binary and no browser download: Chromium is started headless with a fresh profile,
the protocol is spoken over aiohttp's WebSocket client (aiohttp comes with textual-serve).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import aiohttp

BINARIES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--remote-debugging-port=0",
    # Loopback only: the page's web-font link and anything else outside fails at once.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--window-size=1280,860",
)

# textual-serve keeps its xterm.js terminal out of reach of page scripts; catch it as it is
# assigned, to read the screen the user sees (the WebGL/canvas renderer has no DOM text).
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer) { window.__enforceTerminal = value; }
  },
});
"""

SCREEN_TEXT = """(() => {
  const t = window.__enforceTerminal;
  if (!t) { return ""; }
  const buffer = t.buffer.active, lines = [];
  for (let y = 0; y < t.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()"""

KEYS = {
    "enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "escape": {"key": "Escape", "code": "Escape", "windowsVirtualKeyCode": 27},
}


def find_chromium() -> str | None:
    for name in BINARIES:
        if found := shutil.which(name):
            return found
    return None


class Chromium:
    """One headless browser; `send` a protocol command, `wait_event` for a protocol event."""

    def __init__(self, process: subprocess.Popen[bytes], http: aiohttp.ClientSession) -> None:
        self.process = process
        self.http = http
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self.events: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, binary: str, profile: Path, *, timeout: float = 30) -> Chromium:
        process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        browser = cls(process, aiohttp.ClientSession())
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (active.is_file() and len(active.read_text().split()) == 2):
            if process.poll() is not None or time.monotonic() > deadline:
                await browser.close()
                raise RuntimeError(f"Chromium did not start (exit {process.poll()})")
            await asyncio.sleep(0.1)
        port, path = active.read_text().split()
        browser.socket = await browser.http.ws_connect(
            f"ws://127.0.0.1:{port}{path}", max_msg_size=0
        )
        browser._reader = asyncio.create_task(browser._read())
        return browser

    async def _read(self) -> None:
        assert self.socket is not None
        async for message in self.socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            waiting = self._waiting.pop(data.get("id", -1), None)
            if waiting is not None and not waiting.done():
                waiting.set_result(data)
            elif "method" in data:
                self.events.append(data)

    async def send(
        self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None
    ) -> dict[str, Any]:
        assert self.socket is not None
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        future = asyncio.get_running_loop().create_future()
        self._waiting[number] = future
        await self.socket.send_str(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    async def wait_event(self, method: str, timeout: float = 30, **match: Any) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events:
                params = event.get("params", {})
                if event["method"] == method and all(params.get(k) == v for k, v in match.items()):
                    return dict(params)
            await asyncio.sleep(0.1)
        raise TimeoutError(f"no {method} {match} within {timeout}s")

    async def open_tab(self, url: str) -> Tab:
        target = await self.send("Target.createTarget", {"url": "about:blank"})
        attached = await self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )
        tab = Tab(self, attached["sessionId"])
        await tab.send("Page.enable")
        await tab.send("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})
        await tab.send("Page.navigate", {"url": url})
        return tab

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self.socket is not None:
            await self.socket.close()
        await self.http.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Tab:
    """One page of the browser: what its terminal shows, keys typed into it."""

    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser = browser
        self.session = session

    async def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.browser.send(method, params, session=self.session)

    async def evaluate(self, expression: str) -> Any:
        reply = await self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}
        )
        return reply.get("result", {}).get("value")

    async def screen(self) -> str:
        return str(await self.evaluate(SCREEN_TEXT) or "")

    async def wait_for(self, *needles: str, timeout: float = 60) -> str:
        """The screen text once it shows every one of `needles`."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = await self.screen()
            if all(needle in text for needle in needles):
                return text
            await asyncio.sleep(0.2)
        raise TimeoutError(f"the page never showed {needles}; it showed:\n{text}")

    async def wait_until(self, condition: str, timeout: float = 30) -> None:
        """Until the JavaScript `condition` holds in the page."""
        deadline = time.monotonic() + timeout
        while not await self.evaluate(condition):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{condition} never held")
            await asyncio.sleep(0.2)

    async def press(self, key: str) -> None:
        """A named key (enter, escape) or one character, as the keyboard sends it."""
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        event = KEYS.get(key) or {"key": key, "text": key, "unmodifiedText": key}
        await self.send("Input.dispatchKeyEvent", {"type": "keyDown", **event})
        await self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": event["key"]})

    async def type(self, text: str) -> None:
        for character in text:
            await self.press(character)

    async def screenshot(self, path: Path) -> None:
        shot = await self.send("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(shot["data"]))
