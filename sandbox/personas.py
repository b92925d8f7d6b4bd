"""The people and chats of the sandbox (fixed ids), and the world they make in the fake Bot API."""

from __future__ import annotations

from dataclasses import dataclass

from fake_telegram import FakeTelegram


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    lang: str


ADMIN = Person(1000, "Организатор", "ru")
ANNA = Person(1001, "Анна", "ru")
JOHN = Person(1002, "John", "en")
OLGA = Person(1003, "Ольга", "ru")
PEOPLE = (ADMIN, ANNA, JOHN, OLGA)
SUPERADMIN_IDS = (ADMIN.user_id,)


@dataclass(frozen=True)
class Persona:
    """A chat the page shows: a person's private chat with the bot, or a group with several members."""

    id: str
    kind: str  # "private" | "group"
    title: str
    lang: str
    chat_id: int
    members: tuple[Person, ...]
    hint: str
    admins: tuple[int, ...] = ()  # group administrators (user ids)

    def member(self, user_id: int | None) -> Person | None:
        """The member writing (``None``: the first one, the person themself in a private chat)."""
        if user_id is None:
            return self.members[0]
        return next((person for person in self.members if person.user_id == user_id), None)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "lang": self.lang,
            "chat_id": self.chat_id,
            "members": [{"user_id": person.user_id, "name": person.name} for person in self.members],
            "hint": self.hint,
        }


PERSONAS = (
    Persona(
        "anna",
        "private",
        "Анна",
        "ru",
        ANNA.user_id,
        (ANNA,),
        "Жительница Оренбурга, Telegram на русском. Начните с /start.",
    ),
    Persona(
        "john",
        "private",
        "John",
        "en",
        JOHN.user_id,
        (JOHN,),
        "Житель, Telegram на английском: бот отвечает по-английски. Начните с /start.",
    ),
    Persona(
        "admin",
        "private",
        "Организатор",
        "ru",
        ADMIN.user_id,
        (ADMIN,),
        "Суперадмин (ADMIN_IDS): сессии, модерация, рассылки, статистика. Начните с /start.",
    ),
    Persona(
        "curators",
        "group",
        "Кураторы: городская среда",
        "ru",
        -100101,
        (ADMIN, OLGA),
        "Группа кураторов: от имени Организатора отправьте здесь /bind_direction, и идеи направления придут сюда.",
        admins=(ADMIN.user_id,),
    ),
    Persona(
        "session",
        "group",
        "Проектная сессия",
        "ru",
        -100102,
        (ADMIN, ANNA, JOHN, OLGA),
        "Чат сессии: создайте сессию (/new_session у Организатора), затем здесь от его имени /bind_session.",
        admins=(ADMIN.user_id,),
    ),
)
BY_ID = {persona.id: persona for persona in PERSONAS}


def build_world(fake: FakeTelegram) -> None:
    """The people and the groups, as Telegram would have them before anyone writes to the bot."""
    for person in PEOPLE:
        # Ольга has a dialogue with the bot (no persona shows it): the superadmin can make her an organizer
        # (/organizers add 1003), which the bot refuses for someone it cannot write to.
        fake.user(person.user_id, first_name=person.name, language_code=person.lang, started=person is OLGA)
    for persona in PERSONAS:
        if persona.kind != "group":
            continue
        group = fake.group(persona.chat_id, title=persona.title, bot_status="administrator")
        for person in persona.members:
            status = "administrator" if person.user_id in persona.admins else "member"
            fake.add_member(group, fake.user(person.user_id), status=status)
