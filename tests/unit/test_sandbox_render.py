"""The sandbox page's view of messages (sandbox/render.py): the bot's formatting as safe HTML, nothing else."""

from __future__ import annotations

from fake_telegram import FakeTelegram, parse_html
from sandbox.personas import PERSONAS, build_world
from sandbox.render import chat_messages, safe_html


def shown(source: str) -> str:
    return safe_html(*parse_html(source))


def test_the_bots_formatting_comes_through() -> None:
    assert shown("<b>Идея № 12</b> <i>принята</i>") == "<b>Идея № 12</b> <i>принята</i>"
    assert shown("<u>u</u><s>s</s><code>c</code>") == "<u>u</u><s>s</s><code>c</code>"
    assert shown("<pre>x</pre><blockquote>q</blockquote>") == "<pre>x</pre><blockquote>q</blockquote>"
    assert shown("<tg-spoiler>tss</tg-spoiler>") == '<span class="tg-spoiler">tss</span>'
    assert shown("one\ntwo") == "one<br>two"
    assert shown('<a href="https://t.me/x?start=a&amp;b">link</a>') == (
        '<a href="https://t.me/x?start=a&amp;b" target="_blank" rel="noopener noreferrer">link</a>'
    )


def test_text_is_escaped_and_only_safe_links_are_links() -> None:
    assert shown("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"q\"") == '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "q"'
    entities = [{"type": "text_link", "offset": 0, "length": 5, "url": "javascript:alert(1)"}]
    assert safe_html("click", entities) == "click"
    entities = [{"type": "text_link", "offset": 0, "length": 5, "url": 'https://x.org/"onmouseover="a'}]
    assert safe_html("click", entities).startswith('<a href="https://x.org/&quot;onmouseover=&quot;a"')
    assert safe_html("@anna #tag", [{"type": "mention", "offset": 0, "length": 5}]) == "@anna #tag"
    assert safe_html("", None) == "" and safe_html(None, None) == ""


def test_offsets_are_utf16_and_overlaps_never_misnest() -> None:
    assert shown("😀 <b>Привет</b> 👍🏽<i>x</i>") == "😀 <b>Привет</b> 👍🏽<i>x</i>"
    overlapping = [{"type": "bold", "offset": 0, "length": 4}, {"type": "italic", "offset": 2, "length": 4}]
    assert safe_html("abcdef", overlapping) == "<b>ab</b><b><i>cd</i></b><i>ef</i>"
    broken = [{"type": "bold", "offset": 1, "length": 1}, {"type": "bold", "offset": 9, "length": 3}, {"type": "x"}]
    assert safe_html("😀a", broken) == "😀a"  # inside a surrogate pair, past the end, malformed: left out


async def test_a_chat_as_the_page_shows_it() -> None:
    fake = FakeTelegram(token="7000000001:SANDBOX", validate_updates=False)
    build_world(fake)
    anna = fake.user(1001)
    assert {p.chat_id for p in PERSONAS} <= {1000, 1001, 1002, -100101, -100102}
    fake.user_message(anna, anna.chat, {"text": "<b>не жирный</b>"})
    photo = fake.upload("photo", b"jpeg")
    for index in range(2):
        fake.user_message(anna, anna.chat, {**photo, **({"caption": "Двор"} if index == 0 else {})}, media_group_id="9")
    fake.user_message(anna, anna.chat, {"location": {"latitude": 51.77, "longitude": 55.1}})
    messages = chat_messages(fake, anna.chat, anna.id)
    assert [m["kind"] for m in messages] == ["text", "album", "location"]
    assert messages[0]["html"] == "&lt;b&gt;не жирный&lt;/b&gt;" and messages[0]["from"] == "user"
    assert messages[0]["sender"] == "Анна"
    assert len(messages[1]["photos"]) == 2 and messages[1]["html"] == "Двор"
    assert messages[2]["location"] == {"latitude": 51.77, "longitude": 55.1, "title": None}
