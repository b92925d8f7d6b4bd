"""The sandbox (`python -m bot sandbox`) as a real process and its page in Debian's chromium, driven by Selenium.

- `Sandbox`: starts the sandbox on a free port with a throwaway data folder, waits for its one line, stops it.
- `chromium()`: a headless chromium through /usr/bin/chromedriver; Selenium Manager never downloads anything.
- `Shots`: numbered screenshots in test-artifacts/sandbox/ (gitignored), and what a failure leaves there.
- `SandboxPage`: what a person does on the page (switch persona, type, press, attach) and waits for what they see,
  through the page's data-testid contract. Every wait is a WebDriverWait on a condition, never a sleep.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.support.bot_process import ROOT, clean_environ

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts" / "sandbox"
READY = re.compile(r"^Sandbox: open (http://\S+) — no Telegram needed$")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    "--lang=ru-RU",
]
IGNORED = (StaleElementReferenceException, NoSuchElementException, ElementClickInterceptedException)


def browser_missing() -> str | None:
    """Why the browser test cannot run here, or None."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        return f"{' and '.join(missing)} missing: apt-get install chromium chromium-driver (.ci/run does)"
    return None


def browser_required() -> bool:
    """CI (CI=1 / CI=true) and .ci/run (SANDBOX_BROWSER_REQUIRED=1): the test fails instead of skipping."""
    return any(
        os.environ.get(name, "").lower() not in ("", "0", "false", "no") for name in ("CI", "SANDBOX_BROWSER_REQUIRED")
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seen(text: str) -> str:
    """A text as compared here: no-break spaces as spaces, runs of white space as one space."""
    return " ".join(text.replace("\u00a0", " ").split())


# --- the sandbox process -----------------------------------------------------------------------------------


class Sandbox:
    """`python -m bot sandbox --port P --data-dir D` with nothing of the operator's settings in its environment."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = ""
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.output: list[str] = []
        self.proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60) -> Sandbox:
        args = [sys.executable, "-m", "bot", "sandbox", "--port", str(self.port), "--data-dir", str(self.data_dir)]
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env={**self.environ(), "PYTHONUNBUFFERED": "1"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        threading.Thread(target=self._read, daemon=True).start()
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no ready line in {timeout} s: {self.output}") from None
            if line is None:
                raise AssertionError(f"the sandbox exited ({self.proc.poll()}): {self.output}")
            found = READY.match(line)
            if found:
                self.url = found.group(1)
                return self

    @staticmethod
    def environ() -> dict[str, str]:
        """No operator's settings: neither the bot's (BOT_TOKEN…) nor the sandbox's (SANDBOX_PORT…)."""
        return {key: value for key, value in clean_environ().items() if not key.upper().startswith("SANDBOX_")}

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line.rstrip("\n"))
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def api(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=10) as answer:
            return json.loads(answer.read())

    def fetch(self, url: str) -> bytes:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return bytes(answer.read())

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def log(self) -> str:
        """What the sandbox printed, and its bot's log file where there is one."""
        parts = ["---- sandbox output ----", *self.output]
        for log in sorted(self.data_dir.glob("*.log")):
            parts += [f"---- {log.name} ----", log.read_text(encoding="utf-8", errors="replace")[-20000:]]
        return "\n".join(parts)


# --- the browser -------------------------------------------------------------------------------------------


@contextmanager
def chromium() -> Iterator[WebDriver]:
    """Headless chromium with a fresh profile, through Debian's chromedriver (given by path, so Selenium Manager
    has nothing to look up; SE_OFFLINE keeps it from trying)."""
    os.environ["SE_OFFLINE"] = "true"
    profile = tempfile.mkdtemp(prefix="sandbox-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Shots:
    """Screenshots numbered in the order taken, in test-artifacts/sandbox/ (emptied when the test starts)."""

    def __init__(self, driver: WebDriver, folder: Path = ARTIFACTS) -> None:
        self.driver = driver
        self.folder = folder
        self.count = 0
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def __call__(self, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def failure(self, sandbox: Sandbox) -> None:
        """What a failed run leaves: the screen, the page's HTML and the sandbox's logs."""
        try:
            self("failure")
            (self.folder / "failure.html").write_text(self.driver.page_source, encoding="utf-8")
        finally:
            (self.folder / "sandbox.log").write_text(sandbox.log(), encoding="utf-8")


# --- the page ----------------------------------------------------------------------------------------------

SNAPSHOT = """
const text = (el) => el ? el.innerText : '';
return Array.from(document.querySelectorAll('[data-testid="message"]')).map((m) => ({
  id: Number(m.dataset.messageId),
  from: m.dataset.from,
  deleted: m.dataset.deleted === '1',
  edited: m.dataset.edited === '1',
  text: text(m.querySelector('[data-testid="message-text"]')),
  buttons: Array.from(m.querySelectorAll('[data-testid="inline-button"]')).map((b) => b.innerText.trim()),
  photos: Array.from(m.querySelectorAll('img[data-testid="message-photo"]'))
    .map((img) => img.complete && img.naturalWidth > 0),
  documents: Array.from(m.querySelectorAll('[data-testid="document-link"]'))
    .map((a) => ({name: a.innerText.trim(), href: a.href})),
  location: text(m.querySelector('[data-testid="message-location"]')),
  poll: text(m.querySelector('[data-testid="poll"]')),
  results: text(m.querySelector('[data-testid="poll-results"]')),
}));
"""


class Shown(dict[str, Any]):
    """One message as the page shows it (see SNAPSHOT): its text is compared with `seen`."""

    @property
    def id(self) -> int:
        return int(self["id"])

    @property
    def text(self) -> str:
        return seen(str(self["text"]))

    def has_button(self, label: str) -> bool:
        return any(seen(label) in seen(b) for b in self["buttons"])


class SandboxPage:
    def __init__(self, driver: WebDriver, url: str, timeout: float = 20) -> None:
        self.driver = driver
        self.url = url
        self.timeout = timeout
        self.persona_id = ""
        self.cursor: dict[str, int] = {}  # per persona: the last message a wait has taken

    # --- waiting ---

    def until(self, condition: Callable[[WebDriver], Any], what: str, timeout: float | None = None) -> Any:
        try:
            return WebDriverWait(
                self.driver, timeout or self.timeout, poll_frequency=0.2, ignored_exceptions=IGNORED
            ).until(condition)
        except TimeoutException:
            raise AssertionError(f"{self.persona_id}: not seen: {what}\non screen: {self.screen()}") from None

    def find(self, testid: str) -> WebElement:
        return self.until(lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]'), testid)

    def visible(self, testid: str) -> WebElement:
        def shown(d: WebDriver) -> WebElement | bool:
            element = d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')
            return element if element.is_displayed() else False

        return self.until(shown, f"{testid} visible")

    def messages(self) -> list[Shown]:
        return [Shown(m) for m in self.driver.execute_script(SNAPSHOT)]

    def screen(self) -> str:
        """The chat as text, for a failure's message."""
        try:
            return "\n".join(f"  [{m.id} {m['from']}] {m.text[:160]} {m['buttons']}" for m in self.messages()[-8:])
        except StaleElementReferenceException:
            return "(the chat was being redrawn)"

    def message(self, message_id: int) -> Shown:
        return next(m for m in self.messages() if m.id == message_id)

    def expect(self, contains: str = "", sender: str = "bot", check: Callable[[Shown], bool] | None = None) -> Shown:
        """The first message from ``sender`` after the last one taken in this chat that shows ``contains`` (and
        passes ``check``); it becomes the last one taken."""
        after = self.cursor.get(self.persona_id, 0)

        def arrived(_: WebDriver) -> Shown | bool:
            for m in self.messages():
                fits = m.id > after and m["from"] == sender and not m["deleted"]
                if fits and seen(contains) in m.text and (check is None or check(m)):
                    return m
            return False

        found: Shown = self.until(arrived, f"a {sender} message with «{contains}»")
        self.cursor[self.persona_id] = found.id
        return found

    def becomes(self, message_id: int, check: Callable[[Shown], bool], what: str) -> Shown:
        """The message ``message_id`` once it shows what ``check`` looks for (an edit)."""
        return self.until(
            lambda _: next((m for m in self.messages() if m.id == message_id and check(m)), False),
            f"message {message_id}: {what}",
        )

    def text_becomes(self, message_id: int, contains: str) -> Shown:
        return self.becomes(message_id, lambda m: seen(contains) in m.text, f"«{contains}»")

    # --- acting ---

    def open(self) -> None:
        self.driver.get(self.url)
        self.find("persona-anna")

    def persona(self, persona_id: str, title: str) -> None:
        self.find(f"persona-{persona_id}").click()
        self.until(
            lambda d: (
                d.find_element(By.CSS_SELECTOR, f'[data-testid="persona-{persona_id}"]').get_attribute("aria-current")
                == "true"
                and title in d.find_element(By.CSS_SELECTOR, '[data-testid="chat-title"]').text
            ),
            f"the chat of {persona_id} open",
        )
        self.persona_id = persona_id

    def member(self, user_id: int) -> None:
        """In a group: who writes (and presses, and votes) from now on."""
        Select(self.find("member-select")).select_by_value(str(user_id))
        self.until(
            lambda d: (
                Select(
                    d.find_element(By.CSS_SELECTOR, '[data-testid="member-select"]')
                ).first_selected_option.get_attribute("value")
                == str(user_id)
            ),
            f"writing as {user_id}",
        )

    def send(self, text: str) -> Shown:
        """Types ``text`` and sends it with Enter; returns the person's message once it shows in the chat."""
        box = self.find("composer-input")
        box.clear()
        box.send_keys(text)
        box.send_keys(Keys.ENTER)
        return self.mine(text)

    def mine(self, text: str) -> Shown:
        after = self.cursor.get(self.persona_id, 0)
        shown: Shown = self.until(
            lambda _: next(
                (m for m in self.messages() if m.id > after and m["from"] == "user" and seen(text) in m.text), False
            ),
            f"my message «{text}»",
        )
        self.cursor[self.persona_id] = shown.id
        return shown

    def command_from_menu(self, command: str) -> Shown:
        """The command menu's item for ``command``: pressed, and sent if it only filled the input."""
        self.find("commands-button").click()

        def item(d: WebDriver) -> WebElement | bool:
            for element in d.find_elements(By.CSS_SELECTOR, '[data-testid="command-item"]'):
                if element.is_displayed() and command in element.text:
                    return element
            return False

        self.until(item, f"{command} in the command menu").click()
        box = self.find("composer-input")
        if (box.get_attribute("value") or "").strip().startswith(command):
            box.send_keys(Keys.ENTER)
        return self.mine(command)

    def press(self, message_id: int, label: str) -> None:
        """Clicks the inline button ``label`` (as much of its text as given) under the message ``message_id``."""
        xpath = f'//*[@data-testid="message"][@data-message-id="{message_id}"]//*[@data-testid="inline-button"]'

        def click(d: WebDriver) -> bool:
            for element in d.find_elements(By.XPATH, xpath):
                if seen(label) in seen(element.text):
                    element.click()
                    return True
            return False

        self.until(click, f"the button «{label}» under message {message_id}")

    def toast(self, text: str) -> None:
        self.until(
            lambda d: any(
                seen(text) in seen(t.text) for t in d.find_elements(By.CSS_SELECTOR, '[data-testid="toast"]')
            ),
            f"the toast «{text}»",
        )

    def attach_photo(self, path: Path) -> None:
        attach = self.find("attach-photo")
        # A file input is often hidden behind a paperclip: a person's file dialog stands in for send_keys.
        self.driver.execute_script("arguments[0].style.display = 'block'; arguments[0].hidden = false;", attach)
        attach.send_keys(str(path))

    def pick_location_on_map(self) -> tuple[float, float]:
        """The paperclip's location picker: a click in the middle of its map, then «send»."""
        self.find("attach-location").click()
        picker = self.visible("location-picker")
        lat, lon = self.find("location-lat"), self.find("location-lon")
        area = picker.find_element(By.CSS_SELECTOR, "svg, canvas")
        webdriver.ActionChains(self.driver).move_to_element(area).click().perform()
        self.until(lambda _: lat.get_attribute("value") and lon.get_attribute("value"), "the picked point's numbers")
        point = float(lat.get_attribute("value") or 0), float(lon.get_attribute("value") or 0)
        self.find("location-send").click()
        return point

    def vote(self, message_id: int, option: str) -> Shown:
        """Ticks ``option`` in the poll ``message_id`` and votes; returns the message once results show."""
        base = f'//*[@data-testid="message"][@data-message-id="{message_id}"]'

        def tick(d: WebDriver) -> bool:
            for label in d.find_elements(By.XPATH, base + '//*[@data-testid="poll-option"]'):
                if option in label.text:
                    label.click()
                    return True
            return False

        self.until(tick, f"the option «{option}»")
        self.until(lambda d: d.find_element(By.XPATH, base + '//*[@data-testid="poll-vote"]').click() or True, "vote")
        return self.becomes(message_id, lambda m: bool(m["results"].strip()), "the poll's results")
