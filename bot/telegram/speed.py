"""Speed tricks that lean on how aiogram, pydantic and CPython work inside, each found with a bench and each
pinned by a test (tests/unit/test_speed_tricks.py), so an upgrade that breaks one's assumption fails a test instead
of quietly making the bot slower. (Two more live beside what they speed up: the votes' fast path in
middlewares.py, the pruned event isolation in isolation.py.)
"""

from __future__ import annotations

import asyncio
import gc
import sys

from aiogram import methods
from aiogram.methods.base import Response

DB_SWITCH_INTERVAL = 0.0005
# The collector's thresholds once the bot runs (CPython's default: 700, 10, 10). Nearly all of an update's objects
# are freed by reference counting; a young collection every 700 allocations caught the objects of the updates
# then in flight and promoted them, so older generations filled and were walked again and again.
GC_THRESHOLDS = (20_000, 20, 20)

# Bot API methods this bot calls. aiogram parses each answer with the generic model
# Response[<result type>]; pydantic caches those classes only weakly, so the garbage
# collector keeps dropping them and every rebuild costs ~20 ms of CPU in the middle of
# handling an update (found with bench/load.py --profile). Holding them here keeps one
# copy for the life of the process.
USED_METHODS = (
    methods.AnswerCallbackQuery,
    methods.CopyMessage,
    methods.DeleteMyCommands,
    methods.EditMessageReplyMarkup,
    methods.EditMessageText,
    methods.GetMe,
    methods.GetUpdates,
    methods.SendDocument,
    methods.SendMediaGroup,
    methods.SendMessage,
    methods.SendPhoto,
    methods.SendPoll,
    methods.StopPoll,
    methods.SetMyCommands,
)
_RESPONSE_MODELS: list[type] = []


def pin_response_models() -> None:
    if not _RESPONSE_MODELS:
        _RESPONSE_MODELS.extend(Response[method.__returning__] for method in USED_METHODS)  # type: ignore[name-defined]


async def freeze_when_started(started: asyncio.Event) -> None:
    """Once the start-up hook has run (the translations parsed, the routers built, the caches primed), what it
    made lives as long as the process too: out of the collector's sight as well. Without this a full collection
    walked every parsed message of both languages, ~50–90 ms each under load (bench/load.py --counts)."""
    await started.wait()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def tune_process() -> None:
    """For the bot's own process (not the tests'), once everything is loaded."""
    # Everything loaded so far (aiogram's and pydantic's models, the routers) lives as long as the process:
    # keep it out of the collector's sight, so full collections stay short under load.
    gc.collect()
    gc.freeze()
    # The database thread needs the GIL back to hand each result to the event loop. With the default 5 ms
    # switch interval a busy loop makes every database round trip wait up to 5 ms; 0.5 ms keeps it short.
    sys.setswitchinterval(DB_SWITCH_INTERVAL)
