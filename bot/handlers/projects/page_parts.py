"""What the experts' part adds to an idea's page: the similar experience (for everyone), the project's experts (for
its leader and the staff), and the buttons «Похожий опыт» (staff) and «Позвать на помощь» (the leader and staff,
once the project says what help it needs). Read here, rendered as lines the page puts within its one message."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiogram.types import InlineKeyboardButton

from bot.handlers.projects.callbacks import ExperienceAction, ExperienceCb, LeaderAction, LeaderCb
from bot.handlers.projects.keyboards import call_ask_button
from bot.services.limits import clip
from bot.storage.experts import Experience, Expert
from bot.storage.models import Idea
from bot.storage.repositories import Repos
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button

SHOWN = 3  # pieces of experience and experts on the page (the page is one message)
LINE_UNITS = 120  # each of an experience's or an expert's parts on the page, escaped


@dataclass(frozen=True, slots=True)
class Parts:
    lines: list[str] = field(default_factory=list)  # blocks of the page's text (safe HTML)
    rows: list[list[InlineKeyboardButton]] = field(default_factory=list)


def experience_line(t: Translate, item: Experience) -> str:
    line = t(
        "experience-line",
        title=clip(item.title, LINE_UNITS),
        region=clip(item.region, LINE_UNITS),
        takeaway=clip(item.takeaway, LINE_UNITS * 2),
    )
    if item.link:
        line += "\n" + t("experience-link", link=item.link)
    return line


def expert_line(t: Translate, expert: Expert, contact: bool = True) -> str:
    line = t(
        "experts-line",
        name=clip(expert.name, LINE_UNITS),
        field=clip(expert.field, LINE_UNITS),
        region=clip(expert.region, LINE_UNITS) if expert.region else t("experts-federal"),
    )
    if contact:
        line += "\n" + t("experts-contact", contact=clip(expert.contact, LINE_UNITS))
    return line


async def project_parts(t: Translate, repos: Repos, idea: Idea, user_id: int | None, staff: bool) -> Parts:
    project = await repos.projects.get(idea.id)
    if project is None:  # not public: no project
        return Parts()
    parts = Parts()
    experience = await repos.experience.of_project(idea.id)
    if experience:
        parts.lines.append(t("experience-head") + "\n" + "\n".join(experience_line(t, e) for e in experience[:SHOWN]))
    leader = user_id is not None and project.leader_id == user_id
    if leader or staff:
        experts = await repos.experts.of_project(idea.id, consented_only=not staff)
        if experts:
            parts.lines.append(t("experts-page-head") + "\n" + "\n".join(expert_line(t, e) for e in experts[:SHOWN]))
    if leader:  # the leader's way to /project for this project (revC)
        parts.rows.append([button(t("revc-btn-manage"), LeaderCb(action=LeaderAction.OPEN, idea=idea.id))])
    if staff:
        parts.rows.append([button(t("experience-btn-open"), ExperienceCb(action=ExperienceAction.OPEN, idea=idea.id))])
    if (leader or staff) and project.needs:
        parts.rows.append([call_ask_button(t, idea.id)])
    return parts
