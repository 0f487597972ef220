"""`enforce-tui serve`: the explorer in a web browser, one session (one process) per tab.

textual-serve runs a command for every browser connection; here that command is the explorer
itself, on the same files, told to keep Open and Export inside one folder.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import shlex
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tui.core.confine import Confinement
from tui.core.errors import EnforceError

if TYPE_CHECKING:
    from tui.core.records.options import RecordOptions

PROG = "enforce-tui"
SESSION_STOP_SECONDS = 10
log = logging.getLogger(PROG)
LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def address(host: str, port: int) -> str:
    """The address to open: IPv6 literals go in brackets; a wildcard bind is reached at a
    name the browser can use."""
    if host in ("", "0.0.0.0", "::"):
        host = "localhost"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def session_command(paths: list[str], record_argv: list[str], root: Path) -> str:
    """The shell command textual-serve runs for each browser tab: this explorer, confined.
    `exec`: the session's process is the explorer itself, not a shell waiting for it."""
    argv = [sys.executable, "-m", "tui", "--served-root", str(root)]
    argv += [str(Path(p).absolute()) for p in paths] + record_argv
    return f"exec {shlex.join(argv)}"


class Session(AppService):
    """One browser tab's explorer process. Stopping it waits for the process to end: none
    outlives the server, nor reports its exit to an event loop already closed."""

    async def stop(self) -> None:
        await super().stop()
        process = self._process
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), SESSION_STOP_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()


class ExplorerServer(Server):
    """textual-serve's server, made safe to leave running: pages and sockets are answered
    only for the address it serves (a web page elsewhere cannot drive a session, nor a
    rebound name reach it), and its output is our own few lines."""

    def __init__(self, command: str, *, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title=PROG)
        self.public_url = address(host, port)
        self.loopback_only = is_loopback(host)

    def initialize_logging(self) -> None:
        # textual-serve logs every request at INFO; keep the operator's terminal readable.
        logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(message)s")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._same_origin)
        return app

    @web.middleware
    async def _same_origin(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self._allowed(request):
            raise web.HTTPForbidden(text="This explorer only answers its own address.\n")
        response: web.StreamResponse = await handler(request)
        return response

    def _allowed(self, request: web.Request) -> bool:
        if self.loopback_only and not is_loopback(request.url.host or ""):
            return False  # DNS rebinding: a foreign name made to point at this machine
        # A browser names the page that opens a socket: only our own page may drive a session.
        origin = request.headers.get("Origin")
        return origin is None or origin == f"{request.scheme}://{request.host}"

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's, with a Session for each tab (this one waits for its process)."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        session: Session | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            session = Session(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.error("a session failed: %s", error)
        finally:
            if session is not None:
                await session.stop()
        return websocket

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # The page tells the browser where its socket is: the address the browser used.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        pass  # textual-serve's banner; ours is printed once the port is really bound

    def _listening(self, _: object) -> None:
        print(f"{PROG}: serving the explorer at {address(self.host, self.port)}")
        print(f"{PROG}: open it in a browser; each tab is its own session. Ctrl+C stops.")
        sys.stdout.flush()

    def serve(self, debug: bool = False) -> None:
        """As textual-serve's, but the address is told only once it is listening."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(stop, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._listening,
        )


def serve(
    paths: list[str],
    *,
    options: RecordOptions,
    record_argv: list[str],
    host: str,
    port: int,
    root: str,
) -> int:
    from tui.core.open import open_catalog

    if not 0 < port < 65536:
        raise EnforceError(f"--port {port} is not a port; give one from 1 to 65535")
    confinement = Confinement.at(root)
    if paths:
        # Headers only: a bad file is told here once, not in every browser tab.
        open_catalog(paths, options=options)
    if not is_loopback(host):
        print(
            f"{PROG}: warning: serving on {host}: anyone who can reach this address can read "
            f"the files served and everything in {confinement.root}",
            file=sys.stderr,
        )
    print(f"{PROG}: Open and Export are confined to {confinement.root}", flush=True)
    server = ExplorerServer(
        session_command(paths, record_argv, confinement.root), host=host, port=port
    )
    try:
        server.serve()
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise EnforceError(f"port {port} is in use on {host}; try another --port") from error
        raise EnforceError(
            f"cannot serve on {host} port {port}: {error.strerror or error}; "
            "try another --port or --host"
        ) from error
    print(f"{PROG}: stopped", flush=True)
    return 0
