"""The window frame (top bar, busy line, navigator) and the message bar."""

from __future__ import annotations

from collections.abc import Callable

from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.ui.kvload import load_kv
from crampdiary.ui.navigation import Navigator, ScreenName
from crampdiary.ui.widgets import scrolling  # noqa: F401  (CalmScrollView, for CdScroll in kv)


class MessageBar(BoxLayout):
    text = StringProperty("")
    action_text = StringProperty("")
    is_error = BooleanProperty(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._action: Callable[[], None] | None = None
        self._timeout = None

    def show(
        self,
        text: str,
        *,
        action_text: str = "",
        action: Callable[[], None] | None = None,
        error: bool = False,
        seconds: float = 10,
    ) -> None:
        if self._timeout is not None:
            self._timeout.cancel()
        self.text, self.action_text, self.is_error = text, action_text, error
        self._action = action
        if not error:
            self._timeout = Clock.schedule_once(lambda _dt: self.dismiss(), seconds)

    def run_action(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()

    def dismiss(self) -> None:
        if self._timeout is not None:
            self._timeout.cancel()
            self._timeout = None
        self.text = self.action_text = ""
        self.is_error = False
        self._action = None


class RootView(BoxLayout):
    title = StringProperty("Cramp Diary")
    can_go_back = BooleanProperty(False)
    busy = NumericProperty(0)

    def on_kv_post(self, base_widget) -> None:
        self.ids.navigator.bind(current=self._on_screen)

    def _on_screen(self, navigator, current: str) -> None:
        from crampdiary.ui.navigation import TITLES

        self.title = TITLES.get(ScreenName(current), "Cramp Diary")
        self.can_go_back = current not in (ScreenName.HOME.value, ScreenName.PROBLEM.value)

    @property
    def navigator(self) -> Navigator:
        return self.ids.navigator

    @property
    def message_bar(self) -> MessageBar:
        return self.ids.message_bar

    def go_back(self) -> None:
        self.navigator.back()

    def open_help(self) -> None:
        self.navigator.go(ScreenName.HELP)


load_kv("widgets/theme.kv")
load_kv("widgets/theme_controls.kv")
load_kv("widgets/message_bar.kv")
load_kv("widgets/root.kv")
