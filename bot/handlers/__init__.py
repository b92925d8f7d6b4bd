"""Routers in the order updates try them."""

import importlib
from types import ModuleType

from aiogram import Router

from bot.handlers import (
    broadcast,
    curators,
    errors,
    fallback,
    feedback,
    gate,
    idea,
    info,
    moderation,
    polls,
    public,
    roles,
    sessions,
    sessions_admin,
    start,
    stats,
    system,
)

MODULES: tuple[ModuleType, ...] = (
    errors,
    system,
    info,
    polls,
    sessions,
    start,
    idea,
    gate,
    curators,
    roles,
    moderation,
    broadcast,
    stats,
    public,
    sessions_admin,
    feedback,
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
        # Poll answers and group commands come first (the fast path for votes); session deep
        # links (start=session_N, start=checkin_T) before the general /start.
        by_name["polls"].router,
        by_name["sessions"].router,
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
        by_name["sessions_admin"].router,
        by_name["feedback"].router,
        by_name["roles"].refusal_router,
        by_name["moderation"].refusal_router,
        by_name["fallback"].router,
    )
    return root
