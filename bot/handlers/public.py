"""Public ideas: /ideas browsing, supports, reports."""

from __future__ import annotations

from aiogram import Router

router = Router(name="public")
