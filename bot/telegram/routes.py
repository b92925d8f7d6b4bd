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
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED
from aiogram.types import TelegramObject

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


class FastRouter(Router):
    """A `Router` that walks the tree as aiogram's does, without the work that cannot change the outcome.

    aiogram offers every update to every router in order until a handler takes it, and for each router it builds a
    closure, wraps it in the observer's outer middlewares (none here) and copies the update's data (the
    dispatcher's ~30 dependencies) several times. The bot's tree has some 40 routers, most with nothing for a
    given update type (a router of buttons has no message handlers): that walk cost as much CPU as the handler
    that answered (bench/README.md). Here:

    * a router whose whole subtree has no handler for the update type is passed over (its root filters have no
      side effects, and nothing below them could take the update);
    * a router whose observer has no outer middleware is walked directly, in the same order, with the same root
      filters, handlers and data as `Router._propagate_event`; one with outer middlewares is left to aiogram.
    """

    def __init__(self, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._serves: dict[str, bool] = {}

    def serves(self, update_type: str) -> bool:
        """Whether any handler in this subtree is registered for ``update_type`` (known once the tree is built)."""
        found = self._serves.get(update_type)
        if found is None:
            observer = self.observers.get(update_type)
            found = bool(observer is not None and observer.handlers) or any(
                router.serves(update_type) if isinstance(router, FastRouter) else True for router in self.sub_routers
            )
            self._serves[update_type] = found
        return found

    async def propagate_event(self, update_type: str, event: TelegramObject, **kwargs: Any) -> Any:
        if not self.serves(update_type):
            return UNHANDLED
        observer = self.observers.get(update_type)
        if observer is None or len(observer.outer_middleware):
            return await super().propagate_event(update_type, event, **kwargs)
        kwargs["event_router"] = self
        result, data = await observer.check_root_filters(event, **kwargs)
        if not result:
            return UNHANDLED
        kwargs.update(data)
        if observer.handlers:
            response = await observer.trigger(event, **kwargs)
            if response is REJECTED:
                return UNHANDLED
            if response is not UNHANDLED:
                return response
        response = UNHANDLED
        for router in self.sub_routers:
            if isinstance(router, FastRouter) and not router.serves(update_type):
                continue
            response = await router.propagate_event(update_type=update_type, event=event, **kwargs)
            if response is not UNHANDLED:
                break
        return response


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
