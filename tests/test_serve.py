"""`enforce-tui serve`: the confinement of served sessions, the command line, and the explorer
in a real (headless) Chromium."""

from __future__ import annotations

import asyncio
import http.client
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
import pytest
from browser_cdp import Chromium, find_chromium

from tui.app.factory import build_app
from tui.app.settings import Settings
from tui.cli import build_launch_parser, build_parser, record_argv, record_options
from tui.core.confine import Confinement, ConfinementError
from tui.serve import address, is_loopback, session_command

ROOT = Path(__file__).resolve().parents[1]
README_SCREENSHOT = ROOT / "screenshots" / "browser.png"
# The README's picture is refreshed on request only: a test run leaves the work tree as it was.
SAVE_SCREENSHOT = os.environ.get("ENFORCE_TUI_SAVE_SCREENSHOTS") == "1"


# -- confinement (headless core) -------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Confinement:
    root = tmp_path / "served"
    (root / "sub").mkdir(parents=True)
    (root / "arrests.csv").write_text("a\n1\n")
    (tmp_path / "secret.csv").write_text("s\n1\n")
    (root / "inside-link.csv").symlink_to(root / "arrests.csv")
    (root / "outside-link.csv").symlink_to(tmp_path / "secret.csv")
    (root / "outside-dir").symlink_to(tmp_path)
    return Confinement.at(root)


def test_relative_and_absolute_paths_inside_are_allowed(served: Confinement) -> None:
    root = served.root
    assert served.path("arrests.csv") == root / "arrests.csv"
    assert served.path(root / "arrests.csv") == root / "arrests.csv"
    assert served.path("sub/new.csv") == root / "sub" / "new.csv"  # need not exist yet
    assert served.path("inside-link.csv") == root / "arrests.csv"


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("/etc/passwd", "/etc/passwd is outside"),
        ("../secret.csv", "'..' is not allowed here"),
        ("sub/../../secret.csv", "'..' is not allowed here"),
        ("~/x.csv", "~/x.csv is outside"),
        ("outside-link.csv", "outside-link.csv is a link leading outside"),
        ("outside-dir/secret.csv", "is a link leading outside"),
        ("outside-dir/new.csv", "is a link leading outside"),
        ("", "give a file name"),
    ],
)
def test_paths_leading_out_are_refused_in_one_line(
    served: Confinement, given: str, says: str
) -> None:
    with pytest.raises(ConfinementError) as raised:
        served.path(given)
    message = str(raised.value)
    assert says in message
    assert "\n" not in message
    if given:
        assert str(served.root) in message  # says where files may be


def test_the_root_must_be_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfinementError, match="is not a folder"):
        Confinement.at(tmp_path / "missing")


# -- the dialogs of a served session (Pilot) -------------------------------------------------


async def test_served_open_dialog_refuses_a_path_outside(tmp_path: Path) -> None:
    app = build_app(settings=Settings.served(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        for key in "/etc/passwd":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        message = str(app.screen.query_one(".dialog-msg").render())
        assert "/etc/passwd is outside" in message
        assert app.paths == []  # nothing was opened


async def test_served_export_is_written_inside_and_refused_outside(tmp_path: Path) -> None:
    from textual.widgets import Input

    app = build_app(settings=Settings.served(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        assert Path(box.value).parent == tmp_path.resolve()  # proposed inside the root
        box.value = "../out.csv"
        await pilot.press("enter")
        await pilot.pause()
        assert "'..' is not allowed here" in str(app.screen.query_one("#export-msg").render())
        assert not (tmp_path.parent / "out.csv").exists()
        box.value = "out.csv"
        await pilot.press("enter")
        await pilot.pause()
    assert pl.read_csv(tmp_path / "out.csv").get_column("arrests").sum() == 498


# -- the command line --------------------------------------------------------------------------


def test_record_options_reach_the_served_sessions_unchanged(tmp_path: Path) -> None:
    words = [
        "--period-a=2024-01-01:2024-04-30",
        "--period-b=2025-01-01:2025-04-30",
        "--exclude-duplicates",
        "--jurisdiction=aor",
        "--count=n",
    ]
    args = build_parser().parse_args(["serve", "a.csv", *words])
    command = session_command(args.paths, record_argv(args), tmp_path)
    child = shlex.split(command)
    assert child[:6] == ["exec", sys.executable, "-m", "tui", "--served-root", str(tmp_path)]
    launch = build_launch_parser().parse_args(child[4:])
    assert launch.paths == [str(Path("a.csv").absolute())]
    assert record_options(launch) == record_options(args)
    assert launch.served_root == str(tmp_path)


def test_addresses() -> None:
    assert is_loopback("127.0.0.1")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("192.168.1.4")
    assert address("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert address("::1", 8000) == "http://[::1]:8000"
    assert address("0.0.0.0", 8000) == "http://localhost:8000"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_serve_refuses_a_bad_root_port_or_file_in_one_line(tmp_path: Path) -> None:
    for args, says in [
        (["--root", "nowhere"], "nowhere is not a folder"),
        (["--port", "70000"], "--port 70000 is not a port"),
        (["missing.csv"], "missing.csv"),
    ]:
        done = run_cli("serve", *args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stderr.startswith("enforce-tui: error:")
        assert says in done.stderr
        assert done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("serve", "--port", str(port), cwd=tmp_path)
    assert done.returncode == 2
    assert (
        done.stderr
        == f"enforce-tui: error: port {port} is in use on 127.0.0.1; try another --port\n"
    )
    assert "serving the explorer" not in done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_port(port: int, process: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve exited: {process.communicate()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listened on port {port}")


def descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    """`enforce-tui serve` on a free loopback port, in its own process group as a shell
    would start it (so Ctrl+C can be sent to the whole group)."""
    root = tmp_path / "root"
    root.mkdir()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for_port(port, process)
        yield process, port, root
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()


# -- in a real browser ---------------------------------------------------------------------


CHROMIUM = find_chromium()


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium installed (apt-get install chromium); .ci/run installs it",
)
def test_the_explorer_in_a_real_browser(
    server: tuple[subprocess.Popen[str], int, Path], tmp_path: Path
) -> None:
    assert CHROMIUM is not None
    process, port, root = server
    sessions: set[int] = set()

    def ctrl_c() -> tuple[str, str]:
        sessions.update(descendants(process.pid))
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C in the terminal that runs serve
        return process.communicate(timeout=30)

    url = f"http://127.0.0.1:{port}/"
    out, err = asyncio.run(drive_browser(CHROMIUM, url, root, tmp_path, ctrl_c))
    assert sessions, "each tab runs an explorer process"
    assert process.returncode == 0, (out, err)
    assert f"serving the explorer at http://127.0.0.1:{port}" in out
    assert out.rstrip().endswith("enforce-tui: stopped")
    assert "Traceback" not in out + err, out + err
    assert not descendants(process.pid)
    assert not any(Path(f"/proc/{p}").exists() for p in sessions)


async def drive_browser(
    binary: str, url: str, root: Path, tmp_path: Path, stop: Callable[[], tuple[str, str]]
) -> tuple[str, str]:
    """Everything a user does in the browser; then the server is stopped with both tabs
    open, and the page says the session ended. Returns what the server printed."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = await Chromium.start(binary, tmp_path / "profile")
    try:
        await browser.send(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": True},
        )
        tab = await browser.open_tab(url)
        await tab.wait_for("Jurisdictions", "New York City", "498")
        shot = tmp_path / "browser.png"
        await tab.screenshot(shot)
        assert shot.read_bytes().startswith(b"\x89PNG")
        if SAVE_SCREENSHOT:
            shutil.copyfile(shot, README_SCREENSHOT)

        await tab.press("2")
        await tab.wait_for("Driving under the influence", "86")

        # A second tab is a session of its own: it opens on Jurisdictions.
        other = await browser.open_tab(url)
        await other.wait_for("New York City", "498")
        assert "Driving under the influence" in await tab.screen()

        # Export the Convictions view: written in the root, and downloaded by the browser.
        await tab.press("e")
        await tab.wait_for("rows as CSV")
        await tab.press("enter")
        began = await browser.wait_event("Browser.downloadWillBegin")
        await browser.wait_event("Browser.downloadProgress", guid=began["guid"], state="completed")
        name = began["suggestedFilename"]
        assert name.startswith("enforce-convictions-")
        assert name.endswith(".csv")
        received = (downloads / name).read_bytes()
        assert received == (root / name).read_bytes()
        frame = pl.read_csv(received)
        assert frame.columns[:2] == ["conviction", "people"]
        assert frame.row(0)[:2] == ("Driving under the influence", 86)

        # Open is confined to the root.
        for path, says in [("/etc/passwd", "is outside"), ("../x.csv", "'..' is not allowed")]:
            await tab.press("o")
            await tab.wait_for("Open record files")
            await tab.type(path)
            await tab.press("enter")
            await tab.wait_for(says)
            await tab.press("escape")
            await asyncio.sleep(0.5)

        printed = await asyncio.to_thread(stop)
        for page in (tab, other):
            await page.wait_until("document.body.classList.contains('-closed')")
        return printed
    finally:
        await browser.close()


def test_serving_beyond_this_computer_warns(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tui.core.records.options import RecordOptions
    from tui.serve import ExplorerServer, serve

    served_on: list[str] = []
    monkeypatch.setattr(ExplorerServer, "serve", lambda self: served_on.append(self.host))
    for host in ("127.0.0.1", "192.0.2.7"):
        serve([], options=RecordOptions(), record_argv=[], host=host, port=8000, root=str(tmp_path))
    assert served_on == ["127.0.0.1", "192.0.2.7"]
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith("enforce-tui: warning: serving on 192.0.2.7: anyone who can")


def test_only_its_own_page_may_drive_a_session(
    server: tuple[subprocess.Popen[str], int, Path],
) -> None:
    _, port, _ = server

    def status(path: str, **headers: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            return connection.getresponse().status
        finally:
            connection.close()

    own = f"127.0.0.1:{port}"
    assert status("/", Host=own) == 200
    assert status("/", Host=f"localhost:{port}") == 200
    # DNS rebinding: another site's name pointed at this machine.
    assert status("/", Host=f"attacker.example:{port}") == 403
    # Another web page opening the session socket (cross-site WebSocket hijacking).
    assert status("/ws", Host=own, Origin="http://attacker.example") == 403
    assert status("/static/js/textual.js", Host=own, Origin=f"http://{own}") == 200
