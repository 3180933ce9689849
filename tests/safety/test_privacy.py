"""Privacy: everything the diary writes (the diary, its WAL files, backups, exports, reports) is
readable by the owner only, even with a permissive umask; and no command opens a network
connection. (The app's own flows are checked in tests/ui/test_safety.py.)"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from crampdiary import cli
from crampdiary.services import Diary
from crampdiary.storage import backups
from tests.safety.conftest import BackupClock
from tests.safety.helpers import fixed_clock, mode
from tests.safety.test_corruption import damage

ADD = ["--muscle", "calf", "--side", "left", "--duration", "2", "--severity", "6"]
ADD += ["--context", "asleep", "--at", "2020-03-01T03:10", "--notes", "private: woke me"]


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most common default: new files readable by everyone."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fails (and records) any attempt to reach the network: IP connections, datagrams, DNS.
    Local Unix sockets (e.g. a desktop's D-Bus) are not the network and are let through."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(sock: socket.socket, what: str, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(f"{what} {address!r}")
            raise NetworkAttempt(f"network use: {what} {address!r}")

    def connect(self: socket.socket, address: Any) -> None:
        guard(self, "connect", address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard(self, "connect_ex", address)
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, *args: Any) -> int:
        guard(self, "sendto", args[-1])
        raise NetworkAttempt("sendto")

    def refuse(what: str) -> Any:
        def refused(*args: Any, **_kwargs: Any) -> Any:
            attempts.append(f"{what} {args!r}")
            raise NetworkAttempt(f"network use: {what} {args!r}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


def test_the_network_guard_itself_notices_a_connection(no_network: list[str]) -> None:
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("example.org", 80), timeout=0.1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkAttempt):
            sock.connect(("127.0.0.1", 9))
    finally:
        sock.close()
    assert len(no_network) == 2


def _private_tree(root: Path) -> list[str]:
    """Every file or folder under ``root`` that someone other than the owner could read."""
    leaks = []
    for path in [root, *root.rglob("*")]:
        if mode(path) & 0o077:
            leaks.append(f"{oct(mode(path))} {path.relative_to(root)}")
    return leaks


def test_command_line_flows_are_private_and_offline(
    tmp_path: Path,
    open_umask: None,
    no_network: list[str],
    backup_clock: BackupClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "data"
    db = str(home / "diary.db")
    out = tmp_path / "out"
    out.mkdir(mode=0o755)

    def run(*args: str) -> str:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return captured.out + captured.err

    run("add", "--db", db, *ADD)
    assert "No cramps" not in run("list", "--db", db)
    run("list", "--db", db, "--json")
    run("demo", "--db", db, "--months", "3")
    backup_clock.now += timedelta(days=1)  # the next open is the first of a new day
    run("warnings", "--db", db)
    assert "health data" in run(
        "export", "--db", db, "--format", "json", "--out", str(out / "d.json")
    )
    run("export", "--db", db, "--format", "csv", "--out", str(out / "d.csv"))
    run("export", "--db", db, "--format", "json", "--out", "-")
    assert "health data" in run("report", "--db", db, "--out", str(out / "report.pdf"))
    run("import", "--db", db, str(out / "d.json"))
    run("import", "--db", db, str(out / "d.csv"))
    run("backup", "--db", db)
    run("backup", "--db", db, "--out", str(out / "copy.db"))
    run("restore", "--db", db, str(out / "copy.db"))

    # While the diary is open its WAL files exist: they are private too.
    diary = Diary.open(db, clock=fixed_clock)
    try:
        diary.save_settings({"app.theme": "night"})
        assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
        assert _private_tree(home) == []
    finally:
        diary.close()

    assert no_network == []
    assert backups.list_backups(Path(db), "daily"), "the daily backup was not taken"
    assert backups.list_backups(Path(db), "manual") and backups.list_backups(Path(db), "replaced")
    assert _private_tree(home) == []
    assert mode(home) == 0o700 and mode(home / "backups") == 0o700
    for name in ("d.json", "d.csv", "report.pdf", "copy.db"):
        assert mode(out / name) == 0o600, name


def test_an_existing_diary_is_made_private_and_a_set_aside_one_too(
    tmp_path: Path, open_umask: None, backup_clock: BackupClock
) -> None:
    path = tmp_path / "diary.db"
    Diary.open(path, clock=fixed_clock).close()
    backups.make_backup(path, reason="daily")
    os.chmod(path, 0o644)
    Diary.open(path, clock=fixed_clock).close()
    assert mode(path) == 0o600

    damage(path, "garbage inside")
    os.chmod(path, 0o644)  # as a repair tool might have left it
    latest = backups.latest_backup(path)
    assert latest is not None
    kept = backups.restore(path, latest)
    assert kept is not None and mode(kept) == 0o600
    assert mode(path) == 0o600
    assert _private_tree(backups.backup_folder(path)) == []
