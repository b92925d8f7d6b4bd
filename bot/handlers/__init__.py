"""Routers in the order updates try them."""

import importlib
from types import ModuleType

from aiogram import Router

from bot.handlers import (
    broadcast,
    curators,
    errors,
    fallback,
    gate,
    idea,
    info,
    moderation,
    public,
    roles,
    start,
    stats,
    system,
)

MODULES: tuple[ModuleType, ...] = (
    errors,
    system,
    info,
    start,
    idea,
    gate,
    curators,
    roles,
    moderation,
    broadcast,
    stats,
    public,
    fallback,
)


def setup_routers() -> Router:
    modules = MODULES
    if errors.router.parent_router is not None:
        # A router can belong to one dispatcher only; a second dispatcher in the same
        # process (the in-process test bots) gets freshly built routers.
        modules = tuple(importlib.reload(module) for module in MODULES)
    by_name = {module.__name__.rsplit(".", 1)[-1]: module for module in modules}
    root = Router(name="root")
    root.include_routers(
        by_name["errors"].router,
        by_name["system"].router,
        by_name["info"].router,
        by_name["start"].router,
        by_name["idea"].router,
        by_name["gate"].router,
        by_name["curators"].bind_router,
        by_name["curators"].staff_router,
        by_name["curators"].refusal_router,
        by_name["roles"].router,
        by_name["moderation"].router,
        by_name["broadcast"].router,
        by_name["stats"].router,
        by_name["public"].router,
        by_name["roles"].refusal_router,
        by_name["moderation"].refusal_router,
        by_name["fallback"].router,
    )
    return root
