"""A `Router` that walks the handler tree as aiogram's does, without the work that cannot change the outcome.

aiogram offers every update to every router in order until a handler takes it. For each router it builds a
closure, wraps it in the observer's outer middlewares (none here), copies the update's data (the dispatcher's ~30
dependencies plus the middlewares' ~10 values) several times, runs the router's filters and then every handler's
filters. The bot's tree has some 45 routers: a /start walked 29 of them and tried 50 handlers before the one that
answers, and that walk cost about as much CPU as the answer itself (bench/README.md, issue 16). Here:

* a router whose subtree has no handler that could take the update is passed over, and inside a router a handler
  that cannot take it is not tried, decided from what each handler's filters say cheaply and for certain: the
  update type, the command a message names and whether it carries arguments (`Command` and `CommandStart`
  filters, deep links included), the prefix of a button's data (`CallbackData` filters) and the conversation's
  state (`State`, `StatesGroup` and `StateFilter` filters). Any other filter is taken as "might pass". Skipping
  is safe because filters only decide (they change nothing): what was skipped would have failed;
* a router whose observer has no outer middleware is walked directly, in the same order, with the same filters,
  handlers, inner middlewares and data as `Router._propagate_event` and `TelegramEventObserver.trigger`; one with
  outer middlewares is left to aiogram.

The answers are cached per router and per (update type, command or prefix, state), with unknown commands,
prefixes and states folded into one key each, so the cache stays as small as the bot's own vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED, SkipHandler
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.dispatcher.middlewares.manager import MiddlewareManager
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, TelegramObject

INDEXED = ("message", "callback_query")
COMMAND_PREFIX = "/"
WITH_ARGS = " …"  # appended to a command's name when the message carries arguments ("/start idea_5")
DATA_SEPARATOR = ":"
UNKNOWN = "\x00unknown"  # a command, prefix or state no handler in the subtree names
NO_STATE_INFO = object()  # the update's data carries no state (no FSM context): state filters might pass

Tokens = frozenset[str] | None  # None: the handler takes any command/prefix (or none at all)
States = frozenset[str | None] | None  # None: the handler takes any state


def _states_of(item: Any) -> States:
    """The states a state filter accepts; None when ``item`` is not a state filter or accepts any state."""
    if isinstance(item, State):
        return None if item.state == "*" else frozenset({item.state})
    if isinstance(item, StatesGroup):
        return frozenset(type(item).__all_states_names__)
    if isinstance(item, type) and issubclass(item, StatesGroup):
        return frozenset(item.__all_states_names__)
    if isinstance(item, StateFilter):
        accepted: set[str | None] = set()
        for state in item.states:
            if state is None or isinstance(state, str):
                if state == "*":
                    return None
                accepted.add(state)
                continue
            found = _states_of(state)
            if found is None:
                return None
            accepted |= found
        return frozenset(accepted)
    return None


def handler_needs(handler: HandlerObject, update_type: str) -> tuple[Tokens, States]:
    """What the handler's filters require of an update, as far as can be told without running them."""
    tokens: Tokens = None
    states: States = None
    for item in (f.callback for f in handler.filters or ()):
        found_tokens: Tokens = None
        if update_type == "message" and isinstance(item, Command):
            plain = item.prefix == COMMAND_PREFIX and not item.ignore_case
            names = [command for command in item.commands if isinstance(command, str)]
            if plain and len(names) == len(item.commands):  # a pattern (re.Pattern) may match anything
                deep_link = item.deep_link if isinstance(item, CommandStart) else None
                bare = set() if deep_link is True else set(names)  # True: arguments required
                with_args = set() if deep_link is False else {name + WITH_ARGS for name in names}
                found_tokens = frozenset(bare | with_args)
        elif update_type == "callback_query" and isinstance(item, CallbackQueryFilter):
            factory = item.callback_data
            if factory.__separator__ == DATA_SEPARATOR:
                found_tokens = frozenset({factory.__prefix__})
        else:
            found_states = _states_of(item)
            if found_states is not None:
                states = found_states if states is None else states & found_states
        if found_tokens is not None:
            tokens = found_tokens if tokens is None else tokens & found_tokens
    return tokens, states


def update_token(update_type: str, event: TelegramObject) -> str | None:
    """The command a message names ("start" for "/start@bot", "start …" for "/start idea_5"), or the prefix of a
    button's data."""
    if update_type == "message" and isinstance(event, Message):
        text = event.text or event.caption
        if not text or not text.startswith(COMMAND_PREFIX):
            return None
        parts = text.split(maxsplit=1)  # as aiogram's Command.extract_command splits it
        name = parts[0][len(COMMAND_PREFIX) :].partition("@")[0]
        return name + WITH_ARGS if len(parts) > 1 else name
    if update_type == "callback_query" and isinstance(event, CallbackQuery):
        return event.data.partition(DATA_SEPARATOR)[0] if event.data else None
    return None


def _could(needs: Iterable[tuple[Tokens, States]], token: str | None, state: Any) -> bool:
    for tokens, states in needs:
        if tokens is not None and token not in tokens:
            continue
        if states is not None and state is not NO_STATE_INFO and state not in states:
            continue
        return True
    return False


class FastRouter(Router):
    """See the module's docstring."""

    def __init__(self, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._needs: dict[str, list[tuple[Tokens, States]]] = {}
        self._vocabulary: dict[str, tuple[frozenset[str], frozenset[str | None]]] = {}
        self._answers: dict[tuple[str, str | None, Any, bool], bool] = {}

    # --- what the subtree could take ------------------------------------------------------------------------

    def own_needs(self, update_type: str) -> list[tuple[Tokens, States]]:
        found = self._needs.get(update_type)
        if found is None:
            observer = self.observers.get(update_type)
            handlers = observer.handlers if observer is not None else []
            found = self._needs[update_type] = [handler_needs(handler, update_type) for handler in handlers]
        return found

    def vocabulary(self, update_type: str) -> tuple[frozenset[str], frozenset[str | None]]:
        """Every command/prefix and every state named by a handler in this subtree."""
        found = self._vocabulary.get(update_type)
        if found is None:
            tokens: set[str] = set()
            states: set[str | None] = set()
            for handler_tokens, handler_states in self.own_needs(update_type):
                tokens |= handler_tokens or set()
                states |= handler_states or set()
            for router in self.sub_routers:
                if isinstance(router, FastRouter):
                    child_tokens, child_states = router.vocabulary(update_type)
                    tokens |= child_tokens
                    states |= child_states
            found = self._vocabulary[update_type] = (frozenset(tokens), frozenset(states))
        return found

    def could_take(self, update_type: str, token: str | None, state: Any, own: bool = False) -> bool:
        """Whether a handler of this router (``own``) or of its subtree might take such an update."""
        tokens, states = self.vocabulary(update_type)
        if token is not None and token not in tokens:
            token = UNKNOWN
        if state is not NO_STATE_INFO and state not in states:
            state = UNKNOWN
        key = (update_type, token, state, own)
        found = self._answers.get(key)
        if found is None:
            found = _could(self.own_needs(update_type), token, state)
            if not found and not own:
                found = any(
                    router.could_take(update_type, token, state) if isinstance(router, FastRouter) else True
                    for router in self.sub_routers
                )
            self._answers[key] = found
        return found

    def _any(self, update_type: str) -> bool:
        """Whether any handler in this subtree is registered for ``update_type`` (types the index does not read)."""
        key = (update_type, None, NO_STATE_INFO, False)
        found = self._answers.get(key)
        if found is None:
            found = bool(self.own_needs(update_type)) or any(
                router._any(update_type) if isinstance(router, FastRouter) else True for router in self.sub_routers
            )
            self._answers[key] = found
        return found

    # --- the walk ---------------------------------------------------------------------------------------------

    async def propagate_event(self, update_type: str, event: TelegramObject, **kwargs: Any) -> Any:
        indexed = update_type in INDEXED
        token = update_token(update_type, event) if indexed else None
        state = kwargs.get("raw_state", NO_STATE_INFO)
        if not (self.could_take(update_type, token, state) if indexed else self._any(update_type)):
            return UNHANDLED
        return await self._walk(update_type, event, indexed, token, state, kwargs)

    async def _walk(
        self,
        update_type: str,
        event: TelegramObject,
        indexed: bool,
        token: str | None,
        state: Any,
        kwargs: dict[str, Any],
    ) -> Any:
        """This router and its children, once it is known that it could take the update (token and state read
        once, by the entry router)."""
        observer = self.observers.get(update_type)
        if observer is None or len(observer.outer_middleware):
            return await super().propagate_event(update_type, event, **kwargs)
        kwargs["event_router"] = self
        result, data = await observer.check_root_filters(event, **kwargs)
        if not result:
            return UNHANDLED
        kwargs.update(data)
        if self.could_take(update_type, token, state, own=True) if indexed else observer.handlers:
            if indexed:
                response = await self._trigger(observer, update_type, event, token, state, kwargs)
            else:
                response = await observer.trigger(event, **kwargs)
            if response is REJECTED:
                return UNHANDLED
            if response is not UNHANDLED:
                return response
        response = UNHANDLED
        for router in self.sub_routers:
            if not isinstance(router, FastRouter):
                response = await router.propagate_event(update_type=update_type, event=event, **kwargs)
            elif router.could_take(update_type, token, state) if indexed else router._any(update_type):
                response = await router._walk(update_type, event, indexed, token, state, dict(kwargs))
            else:
                continue
            if response is not UNHANDLED:
                break
        return response

    async def _trigger(
        self,
        observer: TelegramEventObserver,
        update_type: str,
        event: TelegramObject,
        token: str | None,
        state: Any,
        kwargs: dict[str, Any],
    ) -> Any:
        """`TelegramEventObserver.trigger`, trying only the handlers that could take the update."""
        needs = self.own_needs(update_type)
        for handler, need in zip(observer.handlers, needs, strict=True):
            if not _could((need,), token, state):
                continue
            kwargs["handler"] = handler
            result, data = await handler.check(event, **kwargs)
            if result:
                kwargs.update(data)
                try:
                    wrapped = MiddlewareManager.wrap_middlewares(self._inner_middlewares(update_type), handler.call)
                    return await wrapped(event, kwargs)
                except SkipHandler:
                    continue
        return UNHANDLED

    def _inner_middlewares(self, update_type: str) -> list[Any]:
        """The inner middlewares of this router's chain, outermost first (as the observer resolves them)."""
        found: list[Any] = []
        for router in reversed(tuple(self.chain_head)):
            observer = router.observers.get(update_type)
            if observer is not None:
                found.extend(observer.middleware)
        return found
