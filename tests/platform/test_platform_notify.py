"""Notifications fall back cleanly: no backend, no D-Bus, a backend that raises; and real plyer
on Linux, driven through a stand-in ``notify-send`` program on PATH."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from crampdiary.platform import NullNotifier, PlyerNotifier
from crampdiary.platform.notify import Notifier

BUS = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}


class RaisingBackend:
    def __init__(self, error: BaseException) -> None:
        self.error = error
        self.calls = 0

    def notify(self, **kwargs: object) -> None:
        self.calls += 1
        raise self.error


class RecordingBackend:
    def __init__(self) -> None:
        self.calls: list[dict[str, object]] = []

    def notify(self, **kwargs: object) -> None:
        self.calls.append(kwargs)


def test_a_backend_raising_not_implemented_reports_unavailable_in_plain_words() -> None:
    backend = RaisingBackend(NotImplementedError("No usable implementation found!"))
    notifier = PlyerNotifier(backend, environ=BUS, platform="linux")
    assert notifier.available()  # nothing known yet
    assert notifier.notify("Cramp Diary", "Did cramps wake you last night?") is False
    assert backend.calls == 1
    assert notifier.available() is False
    reason = notifier.why_unavailable()
    assert reason == "This device has no notification service that Cramp Diary can use."
    # Once known to be missing, it is not called again.
    assert notifier.notify("Cramp Diary", "again") is False
    assert backend.calls == 1


def test_a_backend_failing_otherwise_does_not_raise() -> None:
    notifier = PlyerNotifier(RaisingBackend(RuntimeError("bus closed")), environ=BUS)
    assert notifier.notify("t", "m") is False
    assert "could not be shown (bus closed)" in notifier.why_unavailable()


def test_without_a_session_bus_linux_notifications_are_unavailable_before_trying() -> None:
    backend = RecordingBackend()
    notifier = PlyerNotifier(backend, environ={}, platform="linux")
    assert notifier.available() is False
    assert "D-Bus" in notifier.why_unavailable()
    assert notifier.notify("t", "m") is False
    assert backend.calls == []


def test_a_working_backend_gets_the_title_and_message() -> None:
    backend = RecordingBackend()
    notifier = PlyerNotifier(backend, environ=BUS, platform="linux")
    assert notifier.notify("Cramp Diary", "Time for a drink?") is True
    assert backend.calls[0]["title"] == "Cramp Diary"
    assert backend.calls[0]["message"] == "Time for a drink?"
    assert notifier.why_unavailable() == ""


def test_null_notifier_says_why() -> None:
    notifier = NullNotifier("No notifications here.")
    assert isinstance(notifier, Notifier)
    assert notifier.notify("t", "m") is False
    assert not notifier.available()
    assert notifier.why_unavailable() == "No notifications here."


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="plyer's Linux path")


@pytest.fixture
def bare_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No python-dbus, no flatpak, and a PATH holding only what the test puts there."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setitem(sys.modules, "dbus", None)  # "import dbus" raises ImportError
    if os.path.isdir("/app"):
        pytest.skip("inside a Flatpak plyer uses the portal")
    return bin_dir


@linux_only
def test_real_plyer_without_any_backend_is_unavailable(bare_linux: Path) -> None:
    notifier = PlyerNotifier(environ=BUS)
    assert notifier.available() is False
    assert notifier.why_unavailable().startswith("This device has no notification service")
    assert notifier.notify("t", "m") is False


@linux_only
def test_real_plyer_runs_notify_send(bare_linux: Path, tmp_path: Path) -> None:
    record = tmp_path / "called.txt"
    script = bare_linux / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    notifier = PlyerNotifier(environ=BUS)
    assert notifier.available(), notifier.why_unavailable()
    assert notifier.notify("Cramp Diary", "Did cramps wake you last night?") is True
    lines = record.read_text().splitlines()
    assert lines[:2] == ["Cramp Diary", "Did cramps wake you last night?"]


@linux_only
def test_real_plyer_with_notify_send_but_no_bus_says_so(bare_linux: Path) -> None:
    script = bare_linux / "notify-send"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    notifier = PlyerNotifier(environ={})
    assert notifier.available() is False
    assert "D-Bus" in notifier.why_unavailable()
