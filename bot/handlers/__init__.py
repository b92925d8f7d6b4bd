"""Routers in the order updates try them."""

from aiogram import Router

from bot.handlers import curators, errors, fallback, gate, idea, info, start, system


def setup_routers() -> Router:
    root = Router(name="root")
    root.include_routers(
        errors.router,
        system.router,
        info.router,
        start.router,
        idea.router,
        gate.router,
        curators.bind_router,
        curators.staff_router,
        curators.refusal_router,
        fallback.router,
    )
    return root
