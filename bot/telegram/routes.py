"""Handlers declared once at import, routers built fresh on demand.

An aiogram `Router` can belong to one dispatcher only, and a module-level router would tie a module to the
first dispatcher built in the process. `Routes` takes the same decorators (`@routes.message(...)`,
`routes.callback_query.filter(...)`, `routes.include_routers(...)`) but only records them; `build()` turns
the record into a new `Router` tree, so every dispatcher (the bot's, each in-process test bot) gets its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiogram import Router

from bot.telegram.fast_router import FastRouter

F = TypeVar("F", bound=Callable[..., Any])

OBSERVERS = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "callback_query",
    "my_chat_member",
    "chat_member",
    "poll",
    "poll_answer",
    "errors",
)


class Observer:
    """One event type's handlers and router-level filters, in the order they were declared."""

    def __init__(self) -> None:
        self.filters: list[Any] = []
        self.handlers: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = []

    def __call__(self, *filters: Any, **kwargs: Any) -> Callable[[F], F]:
        def record(callback: F) -> F:
            self.handlers.append((callback, filters, kwargs))
            return callback

        return record

    def register(self, callback: F, *filters: Any, **kwargs: Any) -> F:
        self.handlers.append((callback, filters, kwargs))
        return callback

    def filter(self, *filters: Any) -> None:
        self.filters.extend(filters)


class Routes:
    def __init__(self, name: str) -> None:
        self.name = name
        self.children: list[Routes] = []
        self.message = Observer()
        self.edited_message = Observer()
        self.channel_post = Observer()
        self.edited_channel_post = Observer()
        self.callback_query = Observer()
        self.my_chat_member = Observer()
        self.chat_member = Observer()
        self.poll = Observer()
        self.poll_answer = Observer()
        self.errors = Observer()

    def include_routers(self, *routes: Routes) -> None:
        self.children.extend(routes)

    def build(self) -> Router:
        router = FastRouter(name=self.name)
        for event in OBSERVERS:
            recorded: Observer = getattr(self, event)
            observer = getattr(router, event)
            if recorded.filters:
                observer.filter(*recorded.filters)
            for callback, filters, kwargs in recorded.handlers:
                observer.register(callback, *filters, **kwargs)
        if self.children:
            router.include_routers(*(child.build() for child in self.children))
        return router
