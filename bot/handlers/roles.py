"""Roles: /organizers (superadmins), curators, /audit; refusals of organizer commands for everyone else."""

from __future__ import annotations

from aiogram import Router

router = Router(name="roles")
refusal_router = Router(name="organizer-refusals")
