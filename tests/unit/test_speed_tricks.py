"""The speed tricks of bot/telegram/speed.py and their neighbours: each one's assumption about aiogram, pydantic or
CPython, checked, so an upgrade that breaks one fails here instead of quietly slowing the bot down."""

from __future__ import annotations

import gc
import subprocess
import sys
from typing import Any

from aiogram import Dispatcher
from aiogram.methods.base import Response

from bot.telegram import speed
from bot.telegram.isolation import PrunedEventIsolation
from bot.telegram.middlewares import VotesFastPath


def test_pinned_response_models_are_the_ones_aiogram_parses_with() -> None:
    speed.pin_response_models()
    gc.collect()
    # pydantic hands out its cached class for the same parameters as long as one is alive: aiogram, asking again
    # for each answer, gets the pinned one instead of building a new class (~20 ms each).
    for method, pinned in zip(speed.USED_METHODS, speed._RESPONSE_MODELS, strict=True):
        assert Response[method.__returning__] is pinned, method.__name__  # type: ignore[name-defined]


def test_the_process_tuning_freezes_what_is_loaded_and_shortens_the_switch_interval() -> None:
    code = (
        "import gc, sys; from bot.telegram.speed import tune_process, DB_SWITCH_INTERVAL; tune_process(); "
        "print(gc.get_freeze_count() > 0, sys.getswitchinterval() == DB_SWITCH_INTERVAL)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


class Sink:
    async def add(self, *args: Any) -> None:  # never called here
        raise AssertionError


def test_the_votes_fast_path_takes_the_place_of_aiograms_fsm_middleware() -> None:
    dp = Dispatcher()
    assert dp.fsm in list(dp.update.outer_middleware)  # aiogram registers its FSM middleware as an outer one
    VotesFastPath.install(dp, Sink())  # type: ignore[arg-type]
    chain = list(dp.update.outer_middleware)
    assert dp.fsm not in chain
    assert [type(m) for m in chain].count(VotesFastPath) == 1


def test_aiogram_takes_our_isolation_and_asks_it_for_truth() -> None:
    isolation = PrunedEventIsolation()
    dp = Dispatcher(events_isolation=isolation)
    assert dp.fsm.events_isolation is isolation
    assert isolation  # truthy with no lock held: aiogram tests it with `if isolation`
