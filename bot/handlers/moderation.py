"""Moderation: /moderate queue, decisions, bans."""

from __future__ import annotations

from aiogram import Router

router = Router(name="moderation")
