"""The one background runner: a single worker thread runs database work, imports, exports and
chart rendering in order (so writes are serialised), and hands results back on the UI thread
with ``soon``. Workers never touch widgets."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import NumericProperty

log = logging.getLogger(__name__)


def soon(callback: Callable[[], Any]) -> None:
    """Call ``callback`` on the UI thread as soon as it can run, from any thread.

    With Kivy's ``free_all`` clock (``crampdiary.app`` chooses it) the main loop wakes up for it
    at once; with the default clock it runs on the next frame.
    """
    schedule = getattr(Clock, "schedule_once_free", Clock.schedule_once)
    schedule(lambda _dt: callback(), 0)


class BackgroundRunner(EventDispatcher):
    busy = NumericProperty(0)
    """How many tasks are queued or running (the UI shows progress while > 0)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crampdiary-db")

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[Any]:
        self.busy += 1
        future = self._executor.submit(work)

        def finished(fut: Future[Any]) -> None:
            soon(lambda: self._deliver(fut, on_done, on_error))

        future.add_done_callback(finished)
        return future

    def _deliver(self, future: Future[Any], on_done, on_error) -> None:
        self.busy = max(0, self.busy - 1)
        error = future.exception()
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error(
                    "background task failed: %s",
                    "".join(traceback.format_exception(error)),
                )
            return
        if on_done is not None:
            on_done(future.result())

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)
