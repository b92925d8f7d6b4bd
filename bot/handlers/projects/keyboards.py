"""The projects' keyboards: pure functions of what they show. Each part appends its builders under its own
heading."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.ideas.callbacks import PageAction, PageCb, PageFrom
from bot.handlers.projects.callbacks import (
    AnnounceProjectsCb,
    CallAction,
    CallCb,
    ChooseAction,
    ChooseCb,
    ExperienceAction,
    ExperienceCb,
    ExpertAction,
    ExpertCb,
    ExpertDetachCb,
    JoinAction,
    JoinCb,
    LeaderAction,
    LeaderCb,
    LeaderStageAction,
    LeaderStageCb,
    ProjectGroup,
    SessionProjectsAction,
    SessionProjectsCb,
    SurveyAction,
    SurveyCb,
)
from bot.services.limits import clip
from bot.services.projects import STAGES, Applicants, name_of
from bot.services.projects_join import STANDING, Joining
from bot.storage.experts import Experience, Expert
from bot.storage.projects import Help, Offer, Person, Role, Stage
from bot.storage.session_projects import SessionProject
from bot.storage.surveys import Answer, Round
from bot.telegram.i18n import Translate
from bot.telegram.keyboards import button, markup, url_button

# --- join ---


HELP_ORDER = (Help.HANDS, Help.SKILLS, Help.RESOURCES, Help.CONTACTS)  # a bit each in JoinCb.mask, in this order


def help_of(mask: int) -> tuple[Help, ...]:
    return tuple(h for n, h in enumerate(HELP_ORDER) if mask & (1 << n))


def help_words(t: Translate, help: tuple[Help, ...]) -> str:
    return ", ".join(t(f"projects-join-help-{h.value}") for h in help)


def join_notes(t: Translate, joining: Joining, own: bool) -> list[str]:
    """Lines on the page about the person's offers."""
    notes = []
    if joining.member is Offer.ACCEPTED:
        notes.append(t("projects-join-note-member"))
    elif joining.member is Offer.APPLIED:
        notes.append(t("projects-join-note-applied"))
    if joining.leads:
        notes.append(t("projects-join-note-leader"))
    elif joining.leader is Offer.APPLIED:
        notes.append(t("projects-join-note-lead-applied"))
    elif own and joining.open and not joining.has_leader:
        notes.append(t("projects-join-note-author"))
    return notes


def join_rows(
    t: Translate, idea_id: int, joining: Joining, own: bool, src: PageFrom
) -> list[list[InlineKeyboardButton]]:
    """The page's rows for offers: to lead (first for the author), to help, or to take an offer back (one tap)."""

    def press(key: str, action: JoinAction, role: Role = Role.MEMBER) -> list[InlineKeyboardButton]:
        return [button(t(key), JoinCb(action=action, idea=idea_id, role=role, src=src))]

    lead: list[list[InlineKeyboardButton]] = []
    if joining.leader is Offer.APPLIED:
        lead.append(press("projects-join-btn-unlead", JoinAction.LEAVE, Role.LEADER))
    elif joining.open and not joining.has_leader and joining.leader not in STANDING:
        lead.append(press("projects-join-btn-lead", JoinAction.LEAD))
    help: list[list[InlineKeyboardButton]] = []
    if joining.member is Offer.ACCEPTED:
        help.append(press("projects-join-btn-leave", JoinAction.LEAVE))
    elif joining.member is Offer.APPLIED:
        help.append(press("projects-join-btn-withdraw", JoinAction.LEAVE))
    elif joining.open and not joining.leads:
        help.append(press("projects-join-btn-join", JoinAction.JOIN))
    return lead + help if own else help + lead


def help_kb(t: Translate, idea_id: int, mask: int) -> InlineKeyboardMarkup:
    """The kinds of help, ticked or not (a press flips one), then «Дальше»."""
    rows = []
    for n, kind in enumerate(HELP_ORDER):
        on = bool(mask & (1 << n))
        label = f"{'✅' if on else '⬜'} {t(f'projects-join-help-{kind.value}')}"
        rows.append([button(label, JoinCb(action=JoinAction.TOGGLE, idea=idea_id, mask=mask ^ (1 << n)))])
    rows.append([button(t("projects-join-btn-next"), JoinCb(action=JoinAction.NEXT, idea=idea_id, mask=mask))])
    return markup(rows)


def skip_kb(t: Translate, idea_id: int) -> InlineKeyboardMarkup:
    return markup([[button(t("projects-join-btn-skip"), JoinCb(action=JoinAction.SKIP, idea=idea_id))]])


def contact_kb(t: Translate, idea_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("projects-join-btn-contact-yes"), JoinCb(action=JoinAction.CONTACT_YES, idea=idea_id))],
            [button(t("projects-join-btn-contact-no"), JoinCb(action=JoinAction.CONTACT_NO, idea=idea_id))],
        ]
    )


def mine_kb(t: Translate, offers: list[Person], back: InlineKeyboardButton | None) -> InlineKeyboardMarkup:
    """«Мои заявки»: a one-tap button per offer that can be taken back (a leader's own project is left in /project),
    and «Назад» to /settings when opened from there."""
    rows = []
    for p in offers:
        if p.role is Role.LEADER and p.status is Offer.ACCEPTED:
            continue
        key = "projects-join-btn-mine-leave" if p.status is Offer.ACCEPTED else "projects-join-btn-mine-withdraw"
        data = JoinCb(action=JoinAction.DROP, idea=p.idea_id, role=p.role, back=back is not None)
        rows.append([button(t(key, number=str(p.idea_id)), data)])
    if back is not None:
        rows.append([back])
    return markup(rows)


# --- experts ---


LABEL_UNITS = 40  # an expert's name or an experience's title on a button


def experts_list_kb(t: Translate, experts: list[Expert], page: int, pages: int) -> InlineKeyboardMarkup:
    """/experts: one button per expert (their card), the pages, «Добавить эксперта»."""
    rows = [
        [button(clip(e.name, LABEL_UNITS, escaped=False), ExpertCb(action=ExpertAction.OPEN, expert=e.id, page=page))]
        for e in experts
    ]
    turns = []
    if page > 0:
        turns.append(button(t("experts-btn-prev"), ExpertCb(action=ExpertAction.LIST, page=page - 1)))
    if page + 1 < pages:
        turns.append(button(t("experts-btn-next"), ExpertCb(action=ExpertAction.LIST, page=page + 1)))
    if turns:
        rows.append(turns)
    rows.append([button(t("experts-btn-add"), ExpertCb(action=ExpertAction.ADD))])
    return markup(rows)


def expert_card_kb(t: Translate, expert_id: int, page: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("experts-btn-attach"), ExpertCb(action=ExpertAction.ATTACH, expert=expert_id, page=page))],
            [button(t("experts-btn-remove"), ExpertCb(action=ExpertAction.REMOVE, expert=expert_id, page=page))],
            [button(t("experts-btn-list"), ExpertCb(action=ExpertAction.LIST, page=page))],
        ]
    )


def expert_region_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup([[button(t("experts-btn-federal"), ExpertCb(action=ExpertAction.FEDERAL))]])


def expert_consent_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("experts-btn-consent-yes"), ExpertCb(action=ExpertAction.CONSENT_YES))],
            [button(t("experts-btn-consent-no"), ExpertCb(action=ExpertAction.CONSENT_NO))],
        ]
    )


def expert_skip_kb(t: Translate) -> InlineKeyboardMarkup:
    return markup([[button(t("experts-btn-skip"), ExpertCb(action=ExpertAction.SKIP))]])


def experience_kb(t: Translate, idea_id: int, items: list[Experience], room: bool) -> InlineKeyboardMarkup:
    """A project's similar experience: remove each, add one more (while there is room)."""
    rows = [
        [
            button(
                t("experience-btn-remove", title=clip(e.title, LABEL_UNITS, escaped=False)),
                ExperienceCb(action=ExperienceAction.REMOVE, idea=idea_id, item=e.id),
            )
        ]
        for e in items
    ]
    if room:
        rows.append([button(t("experience-btn-add"), ExperienceCb(action=ExperienceAction.ADD, idea=idea_id))])
    return markup(rows)


def call_ask_button(t: Translate, idea_id: int) -> InlineKeyboardButton:
    """«Позвать на помощь»: the leader's (or a curator's) way to a call for help (also for the leader's /project)."""
    return button(t("call-btn-ask"), CallCb(action=CallAction.ASK, idea=idea_id))


def call_preview_kb(t: Translate, idea_id: int, staff: bool) -> InlineKeyboardMarkup:
    key = "call-btn-send-now" if staff else "call-btn-send"
    return markup([[button(t(key), CallCb(action=CallAction.SEND, idea=idea_id))]])


def call_card_kb(t: Translate, idea_id: int, call_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(t("call-btn-approve"), CallCb(action=CallAction.APPROVE, idea=idea_id, call=call_id)),
                button(t("call-btn-decline"), CallCb(action=CallAction.DECLINE, idea=idea_id, call=call_id)),
            ]
        ]
    )


def call_message_kb(t: Translate, idea_id: int) -> InlineKeyboardMarkup:
    """Under a call for help: «Хочу участвовать» starts the offer to help right there (the join flow)."""
    return markup([[button(t("call-btn-join"), JoinCb(action=JoinAction.JOIN, idea=idea_id))]])


# --- leader ---


def leader_pick_kb(items: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    """One button per project the person leads: (idea id, its label)."""
    return markup([[button(label, LeaderCb(action=LeaderAction.OPEN, idea=idea))] for idea, label in items])


def leader_bind_kb(items: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    return markup([[button(label, LeaderCb(action=LeaderAction.BIND, idea=idea))] for idea, label in items])


def leader_screen_kb(
    t: Translate,
    idea: int,
    applicants: list[tuple[int, str]],
    extra: Sequence[list[InlineKeyboardButton]] = (),
) -> InlineKeyboardMarkup:
    """The leader's screen: accept or decline each applicant (id, shown name), then the tools (``extra``: the stage
    buttons and «Позвать на помощь», after the needs and the update)."""
    rows = [
        [
            button(t("pjl-btn-accept", name=name), LeaderCb(action=LeaderAction.ACCEPT, idea=idea, person=person)),
            button(t("pjl-btn-decline", name=name), LeaderCb(action=LeaderAction.DECLINE, idea=idea, person=person)),
        ]
        for person, name in applicants
    ]
    rows.append(
        [
            button(t("pjl-btn-needs"), LeaderCb(action=LeaderAction.NEEDS, idea=idea)),
            button(t("pjl-btn-update"), LeaderCb(action=LeaderAction.UPDATE, idea=idea)),
        ]
    )
    rows.extend(extra)
    rows.append([button(t("pjl-btn-page"), PageCb(action=PageAction.OPEN, idea=idea))])
    rows.append([button(t("pjl-btn-resign"), LeaderCb(action=LeaderAction.RESIGN, idea=idea))])
    return markup(rows)


def leader_send_kb(t: Translate, idea: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(t("pjl-btn-send"), LeaderCb(action=LeaderAction.SEND, idea=idea)),
                button(t("pjl-btn-cancel"), LeaderCb(action=LeaderAction.CANCEL, idea=idea)),
            ]
        ]
    )


def leader_resign_kb(t: Translate, idea: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("pjl-btn-resign-yes"), LeaderCb(action=LeaderAction.RESIGN_YES, idea=idea))],
            [button(t("pjl-btn-resign-no"), LeaderCb(action=LeaderAction.RESIGN_NO, idea=idea))],
        ]
    )


def leader_stop_kb(t: Translate, idea: int, update: int) -> InlineKeyboardMarkup:
    return markup([[button(t("pjl-btn-stop"), LeaderCb(action=LeaderAction.STOP, idea=idea, person=update))]])


def leader_invite_kb(t: Translate, link: str) -> InlineKeyboardMarkup:
    return markup([[url_button(t("pjl-btn-join"), link)]])


# --- choose ---


CANDIDATE_BUTTONS = 8  # candidates with a button of their own on the panel (the list names them all)
BUTTON_NAME = 24  # characters of a name on a button


def choose_open_kb(t: Translate, idea_id: int) -> list[InlineKeyboardButton]:
    """The row that opens the project's panel under a curator card."""
    return [button(t("choose-btn-open"), ChooseCb(action=ChooseAction.OPEN, idea_id=idea_id))]


def choose_panel_kb(t: Translate, found: Applicants, next_stages: tuple[Stage, ...]) -> InlineKeyboardMarkup:
    """Appoint (or replace with) each candidate, remove the leader, move the project on."""
    n = found.idea.id
    replace = found.leader is not None
    rows: list[list[InlineKeyboardButton]] = []
    for someone in found.candidates[:CANDIDATE_BUTTONS]:
        name = name_of(someone, BUTTON_NAME)
        key = "choose-btn-replace" if replace else "choose-btn-appoint"
        rows.append(
            [button(t(key, name=name), ChooseCb(action=ChooseAction.APPOINT, idea_id=n, person=someone.user_id))]
        )
    if replace:
        rows.append([button(t("choose-btn-remove"), ChooseCb(action=ChooseAction.REMOVE, idea_id=n))])
    for stage in next_stages:
        data = ChooseCb(action=ChooseAction.STAGE, idea_id=n, stage=STAGES.index(stage))
        rows.append([button(t("choose-btn-stage", stage=t(f"choose-stage-{stage.value}")), data)])
    if found.stage is Stage.PAUSED:
        rows.append([button(t("choose-btn-resume"), ChooseCb(action=ChooseAction.RESUME, idea_id=n))])
    return markup(rows)


# --- result ---


def survey_kb(t: Translate, idea_id: int, round_: Round) -> InlineKeyboardMarkup:
    """«Получилось?»: да / частично / нет, one tap."""
    press = [SurveyCb(action=SurveyAction.ANSWER, idea_id=idea_id, round=round_, answer=a) for a in Answer]
    return markup([[button(t(f"survey-btn-{cb.answer.value}"), cb) for cb in press]])


def survey_comment_kb(t: Translate, idea_id: int, round_: Round, answer: Answer) -> InlineKeyboardMarkup:
    """After the answer: finish without a comment."""
    skip = SurveyCb(action=SurveyAction.SKIP, idea_id=idea_id, round=round_, answer=answer)
    return markup([[button(t("survey-btn-skip"), skip)]])


# --- audience ---


def announce_projects_rows(
    t: Translate, session_id: int, direction: str, leaders: int, teams: int
) -> list[list[InlineKeyboardButton]]:
    """/announce's audiences of the session's direction's projects: its leaders, its teams."""
    return [
        [
            button(
                t("pja-aud-leaders", direction=direction, n=leaders),
                AnnounceProjectsCb(session_id=session_id, group=ProjectGroup.LEADERS),
            )
        ],
        [
            button(
                t("pja-aud-teams", direction=direction, n=teams),
                AnnounceProjectsCb(session_id=session_id, group=ProjectGroup.TEAMS),
            )
        ],
    ]


def session_projects_button(t: Translate, session_id: int, n: int) -> InlineKeyboardButton:
    return button(
        t("pja-btn-session-projects", n=n),
        SessionProjectsCb(action=SessionProjectsAction.OPEN, session_id=session_id),
    )


def session_projects_kb(t: Translate, session_id: int, projects: Sequence[SessionProject]) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                t("pja-btn-detach", number=p.idea_id),
                SessionProjectsCb(action=SessionProjectsAction.DETACH, session_id=session_id, idea_id=p.idea_id),
            )
        ]
        for p in projects
    ]
    rows.append(
        [
            button(
                t("pja-btn-back"),
                SessionProjectsCb(action=SessionProjectsAction.BACK, session_id=session_id),
            )
        ]
    )
    return markup(rows)


# --- stages and leader completions ---


def leader_stage_rows(
    t: Translate, idea: int, stages: Sequence[Stage], paused: bool
) -> list[list[InlineKeyboardButton]]:
    """The leader's stage buttons: the moves the curators' panel allows (back to «собираем команду» is theirs)."""
    rows = [
        [
            button(
                t(f"revc-btn-stage-{stage.value}"),
                LeaderStageCb(action=LeaderStageAction.MOVE, idea=idea, stage=STAGES.index(stage)),
            )
        ]
        for stage in stages
    ]
    if paused:
        rows.append([button(t("revc-btn-resume"), LeaderStageCb(action=LeaderStageAction.RESUME, idea=idea))])
    return rows


def leader_implemented_kb(t: Translate, idea: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(t("revc-btn-implemented-yes"), LeaderStageCb(action=LeaderStageAction.CONFIRM, idea=idea))],
            [button(t("revc-btn-implemented-no"), LeaderStageCb(action=LeaderStageAction.KEEP, idea=idea))],
        ]
    )


def expert_detach_rows(t: Translate, expert: int, ideas: Sequence[int], page: int) -> list[list[InlineKeyboardButton]]:
    return [
        [button(t("revc-btn-detach", number=str(n)), ExpertDetachCb(expert=expert, idea=n, page=page))] for n in ideas
    ]
