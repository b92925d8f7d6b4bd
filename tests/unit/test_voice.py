"""One voice in every locale (locales/README.md): plurals, one sign for numbers, no machine leftovers, no "(а)",
and the staff's welcome listing every command of their menu."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, ast

from bot.telegram.commands import PRIVATE_COMMANDS, staff_command_names, staff_commands_text
from bot.telegram.i18n import LOCALES_DIR, Translator
from tests.support.locale_text import ru

NUMBERS = (1, 2, 5, 11, 21, 22, 25)
# Russian plural categories: 1 and 21 are "one", 2 and 22 "few", 5, 11 and 25 "many".
SAME_FORM = ((1, 21), (2, 22), (5, 11, 25))
_translator = Translator()


def _messages(lang: str) -> Iterator[ast.Message]:
    parser = FluentParser(with_spans=False)
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        for entry in parser.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message) and entry.value is not None:
                yield entry


def _walk(node: object) -> Iterator[object]:
    yield node
    if isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.BaseNode):
                    yield from _walk(child)


def _plural_selectors(message: ast.Message) -> tuple[set[str], set[str]]:
    """(variables selected on by plural category, every variable of the message)."""
    selected: set[str] = set()
    variables: set[str] = set()
    for node in _walk(message.value):
        if isinstance(node, ast.VariableReference):
            variables.add(node.id.name)
        if isinstance(node, ast.SelectExpression) and isinstance(node.selector, ast.VariableReference):
            keys = [v.key for v in node.variants]
            # [0] / [1] literal variants are deliberate exact matches ("no subscriptions", "the first option").
            if all(isinstance(k, ast.Identifier) for k in keys):
                selected.add(node.selector.id.name)
    return selected, variables


def _rendered_form(lang: str, key: str, selected: set[str], variables: set[str], n: int) -> str:
    args: dict[str, object] = {name: (n if name in selected else "x") for name in variables}
    text = _translator.get(lang, key, **args)
    # Every number of the series reads "N", so the forms compare without the count (and a literal "of 5" too).
    return re.sub(r"(?<![\d\u00a0])(1|2|5|11|21|22|25)(?!\d)", "N", text)


def _plural_keys(lang: str) -> list[tuple[str, set[str], set[str]]]:
    found = []
    for message in _messages(lang):
        selected, variables = _plural_selectors(message)
        if selected:
            found.append((message.id.name, selected, variables))
    return found


def test_every_plural_selector_follows_the_plural_categories() -> None:
    """Each ru message with a plural selector, rendered for 1, 2, 5, 11, 21, 22, 25: 1 and 21 read the same,
    2 and 22 the same, 5, 11 and 25 the same (the number itself aside); en: 1 alone, the rest alike."""
    keys = _plural_keys("ru")
    assert len(keys) >= 40, [k for k, *_ in keys]  # the sweep put plurals everywhere a count meets a noun
    for key, selected, variables in keys:
        forms = {n: _rendered_form("ru", key, selected, variables, n) for n in NUMBERS}
        for group in SAME_FORM:
            assert len({forms[n] for n in group}) == 1, (key, {n: forms[n] for n in group})
    for key, selected, variables in _plural_keys("en"):
        forms = {n: _rendered_form("en", key, selected, variables, n) for n in NUMBERS}
        assert len({forms[n] for n in NUMBERS if n != 1}) == 1, (key, forms)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "поддержал уже 1 житель"),
        (2, "поддержали уже 2 жителя"),
        (5, "поддержали уже 5 жителей"),
        (11, "поддержали уже 11 жителей"),
        (21, "поддержал уже 21 житель"),
        (22, "поддержали уже 22 жителя"),
        (25, "поддержали уже 25 жителей"),
    ],
)
def test_supports_count_reads_right(n: int, expected: str) -> None:
    assert expected in ru("public-threshold-reached", number=7, direction="Спорт", supports=n)


def test_spot_checks_of_real_counts() -> None:
    assert "Слишком коротко: 1 символ." in ru("idea-text-short", length=1, min=10)
    assert "Слишком коротко: 3 символа." in ru("idea-text-short", length=3, min=10)
    assert "Слишком коротко: 7 символов." in ru("idea-text-short", length=7, min=10)
    assert "хотя бы в 21 символе" in ru("idea-text-short", length=7, min=21)
    assert "до 21 символа" in ru("idea-place-long", max=21) and "до 200 символов" in ru("idea-place-long", max=200)
    assert "— 1 человек." in ru("bc-preview", audience="все", n=1)
    assert "— 22 человека." in ru("bc-preview", audience="все", n=22)
    assert ru("poll-unit-minutes", n=1) == "1 минуту" and ru("poll-unit-minutes", n=25) == "25 минут"
    assert ru("sadm-duration-h", h=2) == "2 часа" and ru("bc-eta-seconds", n=11) == "11 секунд"
    assert ru("audit-more", count=21).startswith("…и ещё 21 запись не поместилась")


# A number placed straight before one of these nouns must go through a plural selector.
RU_NOUNS = re.compile(
    r"^ (символ|жител|иде[йия]|получател|человек|чел\.|вариант|мест|минут|час|дн|дней|секунд|голос|строк"
    r"|поддерж|жалоб|отзыв|опрос|сесси|рассыл|штук|запис|д\b|ч\b|мин\b|с\b)"
)
EN_NOUNS = re.compile(
    r"^ (character|resident|recipient|people|person|option|place|minute|hour|day|second|vote|row|idea|supporter"
    r"|entr|min\b|h\b|d\b|s\b)"
)


@pytest.mark.parametrize(("lang", "nouns"), [("ru", RU_NOUNS), ("en", EN_NOUNS)])
def test_no_count_meets_a_noun_without_a_selector(lang: str, nouns: re.Pattern[str]) -> None:
    bad = []
    for message in _messages(lang):
        for pattern, chosen in _patterns(message.value, frozenset()):
            for before, after in zip(pattern.elements, pattern.elements[1:], strict=False):
                if (
                    isinstance(before, ast.Placeable)
                    and isinstance(before.expression, ast.VariableReference)
                    and before.expression.id.name not in chosen  # inside a variant chosen by this very count
                    and before.expression.id.name not in ("number", "original", "first", "name", "title", "who")
                    and isinstance(after, ast.TextElement)
                    and nouns.match(after.value)
                ):
                    bad.append(f"{message.id.name}: {{ ${before.expression.id.name} }}{after.value[:20]}")
    assert bad == []


def _patterns(pattern: ast.Pattern, chosen: frozenset[str]) -> Iterator[tuple[ast.Pattern, frozenset[str]]]:
    """Every pattern of a message with the variables whose selectors chose it."""
    yield pattern, chosen
    for element in pattern.elements:
        if isinstance(element, ast.Placeable) and isinstance(element.expression, ast.SelectExpression):
            select = element.expression
            name = select.selector.id.name if isinstance(select.selector, ast.VariableReference) else None
            for variant in select.variants:
                yield from _patterns(variant.value, chosen | {name} if name else chosen)


def _sources(lang: str) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted((LOCALES_DIR / lang).glob("*.ftl"))}


def _values(lang: str) -> Iterator[tuple[str, str]]:
    """(key, source text of the value) for every message, comments left out."""
    for text in _sources(lang).values():
        for entry in FluentParser(with_spans=True).parse(text).body:
            if isinstance(entry, ast.Message) and entry.value is not None and entry.value.span is not None:
                yield entry.id.name, text[entry.value.span.start : entry.value.span.end]


LEFTOVERS = {
    "gender guessed with (а)": re.compile(r"\((а|ла|на)\)"),
    "abbreviation": re.compile(r"симв\.|\bчел\.|\b[Сс]тр\. "),
    "time-zone id": re.compile(r"Asia/|Europe/|\{ \$tz \}"),
    "the bot's own gendered past": re.compile(
        r"\b(Записал|Не нашёл|Не понял|[Яя] (сообщил|показал|убрал|сохранил|показал|не взял))\b"
    ),
    "two statuses words": re.compile(r"\bодобрен|\bОдобрить\b|\bapproved?\b|\bApprove\b", re.IGNORECASE),
    "open for non-anonymous": re.compile(r"^(открытый|public)$"),
    "whose results": re.compile(r"Чьи итоги|Whose results"),
}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_machine_leftovers_or_second_words(lang: str) -> None:
    found = [
        f"{what}: {key}" for key, value in _values(lang) for what, pattern in LEFTOVERS.items() if pattern.search(value)
    ]
    assert found == []


def test_one_sign_for_numbers() -> None:
    """Ideas, sessions, polls and broadcasts: «№ 12» (no-break space) in Russian, "#12" in English."""
    for key, value in _values("ru"):
        assert not re.search(r"#\{|№(?!\u00a0|$)", value), key
    for key, value in _values("en"):
        assert "№" not in value, key
    assert ru("number-label", number=12) == "№\u00a012"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_emoji_twice_in_a_row_or_at_the_end(lang: str) -> None:
    emoji = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50]")
    bad = []
    for key, value in _values(lang):
        for line in value.splitlines():
            if len(emoji.findall(line)) > 1 or (len(line.strip()) > 2 and emoji.fullmatch(line.strip()[-1])):
                bad.append(f"{key}: {line}")
    assert bad == []


@pytest.mark.parametrize("superadmin", [False, True])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_staff_welcome_lists_every_command_of_the_menu(lang: str, superadmin: bool) -> None:
    t = _translator.for_lang(lang)
    lines = staff_commands_text(t, superadmin).splitlines()
    names = staff_command_names(superadmin)
    assert lines == [f"/{name} — {t('cmd-' + name.replace('_', '-'))}" for name in names]
    assert set(PRIVATE_COMMANDS) < set(names) and ("organizers" in names) == superadmin


def test_house_rules_are_written_down() -> None:
    rules = (Path(LOCALES_DIR) / "README.md").read_text(encoding="utf-8")
    for word in ("вы", "№", "принята", "по времени Оренбурга", "[few]", "эмодзи"):
        assert word in rules, word


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_direction_with_its_emoji_makes_no_second_emoji_in_a_line(lang: str) -> None:
    """Directions are named with their emoji ("🌳 Развитие городской среды"): a message that quotes one has no
    emoji of its own in the same line (composed messages, not only the sources)."""
    emoji = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50]")
    bad = []
    for message in _messages(lang):
        _selected, variables = _plural_selectors(message)
        if "direction" not in variables:
            continue
        args = {name: ("🌳 Развитие городской среды" if name == "direction" else "x") for name in variables}
        for line in _translator.get(lang, message.id.name, **args).splitlines():
            if len(emoji.findall(line)) > 1:
                bad.append(f"{message.id.name}: {line}")
    assert bad == []
