"""/start from staff (superadmins from the settings, organizers): their welcome instead of the residents' set-up.

Staff work needs no residents' consent: the role is the reason the bot knows them. Whoever of them also wants to
take part as a resident (submit ideas, register for sessions) opts in from the welcome, and the consent is asked
then (as it is when they send /idea).
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup

from bot.handlers.onboarding.callbacks import ConsentAction, ConsentCb
from bot.handlers.onboarding.gate import Visit
from bot.handlers.onboarding.keyboards import main_menu
from bot.services.roles import RoleService
from bot.telegram.commands import staff_command_names
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup


def staff_welcome_view(
    t: Translate, superadmin: bool, resident: bool
) -> tuple[str, InlineKeyboardMarkup | ReplyKeyboardMarkup]:
    """The welcome: every command of the person's menu with what it does; the residents' menu for a staff member
    who is also a resident, else a button to become one."""
    commands = "\n".join(
        t("staff-welcome-command", command=name, description=t("cmd-" + name.replace("_", "-")))
        for name in staff_command_names(superadmin)
    )
    head = t("staff-welcome-superadmin" if superadmin else "staff-welcome-organizer")
    if resident:
        return f"{head}\n\n{commands}", main_menu(t)
    text = f"{head}\n\n{commands}\n\n{t('staff-welcome-resident')}"
    return text, markup([[button(t("staff-btn-resident"), ConsentCb(action=ConsentAction.SHOW))]])


async def is_staff(visit: Visit) -> bool:
    return visit.person.id in visit.settings.admin_ids or await visit.repos.roles.is_organizer(visit.person.id)


async def welcome_staff(message: Message, visit: Visit, roles: RoleService) -> None:
    """The staff welcome on /start, with their command menu set again (a superadmin new to the bot gets it now)."""
    await visit.state.set_state(None)
    await visit.state.set_data({})
    person_id = visit.person.id
    await roles.refresh_menu(person_id)
    user = await visit.repos.users.get(person_id)
    resident = user is not None and user.has_consent and user.onboarded_at is not None
    text, keyboard = staff_welcome_view(visit.t, person_id in visit.settings.admin_ids, resident)
    await message.answer(text, reply_markup=keyboard)
