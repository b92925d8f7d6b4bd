"""Broadcasts: /broadcast (organizers) and the residents' /settings."""

from __future__ import annotations

from aiogram import Router

router = Router(name="broadcast")
