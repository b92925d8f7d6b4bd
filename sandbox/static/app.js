/* The sandbox's chat page: a small Telegram-like client for the built-in Bot API server.
   Vanilla JS (ES2020), no build step, nothing fetched from outside this page's origin.
   Text from the server is never assigned as markup: the bot's HTML (already made safe by the server) is
   parsed into an inert document and copied tag by tag through a whitelist; everything else goes in as text. */
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- state

  const S = {
    personas: [],
    active: null,
    bot: "starting",
    clock: null,
    chats: {},          // persona -> {version, messages, reply_keyboard, commands}
    members: {},        // persona -> chosen user_id (groups)
    seen: {},           // persona -> number of messages already seen (unread badges)
    replySent: {},      // persona -> "version:message id" of a ForceReply just answered
    deletedAt: {},      // "persona:id" -> when the page first saw the message deleted
    pollSel: {},        // "persona:id" -> Set of option ids ticked but not sent
    pollEdit: {},       // "persona:id" -> true while changing a vote
    pollVoted: {},      // "persona:id" -> true once this page voted
    rendered: new Map(),// message key -> {sig, el}
    loopToken: 0,
    loopAbort: null,
    menuOpen: false,
    atBottom: true,     // the reader is at the end of the chat (new messages keep it there)
    autoTop: 0,         // where the page last scrolled the list itself
  };

  const DELETED_VISIBLE_MS = 4000;
  // A callback answer is "data-testid": "toast"; the page's own notices are "notice", its errors "page-error".
  const TOAST_ID = "toast";
  const TZ_OFFSET_S = 5 * 3600; // Orenburg, UTC+5 all year
  const MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря"];
  const AVATAR_COLORS = ["#e17076", "#7bc862", "#65aadd", "#a695e7", "#ee7aae", "#6ec9cb", "#faa774"];
  const STATUS_TEXT = {
    starting: "бот запускается…",
    running: "бот работает",
    restarting: "перезапуск…",
    stopped: "бот остановлен",
  };

  // ---------------------------------------------------------------- helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function plural(n, one, few, many) {
    const m10 = n % 10;
    const m100 = n % 100;
    if (m10 === 1 && m100 !== 11) return one;
    if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
    return many;
  }

  function orenburgParts(unixSeconds) {
    const d = new Date((unixSeconds + TZ_OFFSET_S) * 1000);
    return {
      day: d.getUTCDate(), month: d.getUTCMonth(), year: d.getUTCFullYear(),
      hh: String(d.getUTCHours()).padStart(2, "0"), mm: String(d.getUTCMinutes()).padStart(2, "0"),
    };
  }

  function timeText(unixSeconds) {
    const p = orenburgParts(unixSeconds);
    return `${p.hh}:${p.mm}`;
  }

  function dayText(unixSeconds) {
    const p = orenburgParts(unixSeconds);
    return `${p.day} ${MONTHS[p.month]}`;
  }

  function sizeText(bytes) {
    if (typeof bytes !== "number" || !isFinite(bytes)) return "";
    if (bytes < 1024) return `${bytes} Б`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(".", ",")} КБ`;
    return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} МБ`;
  }

  function colorFor(seed) {
    let h = 0;
    for (const ch of String(seed)) h = (h * 31 + ch.codePointAt(0)) >>> 0;
    return AVATAR_COLORS[h % AVATAR_COLORS.length];
  }

  function initials(title) {
    const words = String(title || "?").replace(/[«»"':]/g, " ").split(/\s+/).filter(Boolean);
    const first = words[0] ? Array.from(words[0])[0] : "?";
    const second = words[1] ? Array.from(words[1])[0] : "";
    return (first + second).toUpperCase();
  }

  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  const ICONS = {
    pin: ["M12 21s-6.5-6-6.5-11.5a6.5 6.5 0 0 1 13 0C18.5 15 12 21 12 21z", "M12 7.2a2.3 2.3 0 1 0 0 4.6a2.3 2.3 0 1 0 0-4.6z"],
  };

  function icon(name) {
    const root = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    root.setAttribute("viewBox", "0 0 24 24");
    root.setAttribute("class", "i");
    root.setAttribute("aria-hidden", "true");
    for (const d of ICONS[name]) {
      const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", d);
      root.append(path);
    }
    return root;
  }

  // ---------------------------------------------------------------- safe HTML

  const ALLOWED_TAGS = new Set(["B", "STRONG", "I", "EM", "U", "INS", "S", "STRIKE", "DEL", "CODE", "PRE", "A",
    "BLOCKQUOTE", "SPAN", "BR", "TG-SPOILER"]);
  const DROPPED_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "NOSCRIPT"]);
  const SAFE_HREF = /^(https?:|tg:|mailto:|\/files\/)/i;

  // In the bot's text, as in Telegram: «/my» is a command one can tap, a bare web address is a link.
  const TAPPABLE = /(https?:\/\/[^\s<>"«»]*[^\s<>"«».,;:!?)])|((?<=^|[\s(«"—])\/[A-Za-z][A-Za-z0-9_]{0,31}(?=$|[\s.,;:!?)»"]))/g;

  function appendText(target, value, tappable) {
    if (!tappable) {
      target.append(document.createTextNode(value));
      return;
    }
    let last = 0;
    for (const match of value.matchAll(TAPPABLE)) {
      if (match.index > last) target.append(document.createTextNode(value.slice(last, match.index)));
      if (match[1]) {
        target.append(el("a", { href: match[1], target: "_blank", rel: "noopener noreferrer" }, match[1]));
      } else {
        target.append(el("span", { class: "cmd-link", role: "link", tabindex: "0", "data-command": match[2] }, match[2]));
      }
      last = match.index + match[0].length;
    }
    if (last < value.length) target.append(document.createTextNode(value.slice(last)));
  }

  function copySafe(source, target, commands) {
    for (const node of source.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        appendText(target, node.nodeValue, commands);
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = node.tagName.toUpperCase();
      if (DROPPED_TAGS.has(tag)) continue;
      if (!ALLOWED_TAGS.has(tag)) {
        copySafe(node, target, commands); // unknown tag: keep its text
        continue;
      }
      let out;
      if (tag === "A") {
        out = document.createElement("a");
        const href = (node.getAttribute("href") || "").trim();
        if (SAFE_HREF.test(href)) {
          out.setAttribute("href", href);
          out.setAttribute("target", "_blank");
          out.setAttribute("rel", "noopener noreferrer");
        }
      } else if (tag === "TG-SPOILER" || (tag === "SPAN" && /spoiler/.test(node.getAttribute("class") || ""))) {
        out = document.createElement("span");
        out.className = "spoiler";
        out.title = "Скрытый текст: нажмите, чтобы показать";
      } else {
        out = document.createElement(tag.toLowerCase());
      }
      copySafe(node, out, commands && !["A", "CODE", "PRE"].includes(tag));
      // One quote that the markup cut in pieces around a bold word is one quote again.
      const before = target.lastChild;
      if (tag === "BLOCKQUOTE" && before && before.nodeName === "BLOCKQUOTE") {
        before.append(...out.childNodes);
        continue;
      }
      target.append(out);
    }
  }

  function safeHtml(html, commands) {
    const fragment = document.createDocumentFragment();
    if (!html) return fragment;
    // An inert document: nothing in it runs or loads.
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, "text/html");
    copySafe(doc.body, fragment, Boolean(commands));
    return fragment;
  }

  function plainText(html) {
    if (!html) return "";
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, "text/html");
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
  }

  // ---------------------------------------------------------------- API

  async function api(path, options = {}) {
    const init = { method: options.method || "GET", signal: options.signal, headers: {} };
    if (options.json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.json);
    } else if (options.form) {
      init.body = options.form;
    }
    const response = await fetch(path, init);
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    if (!response.ok) {
      const message = data && data.error ? data.error : `Ошибка ${response.status}`;
      throw new Error(message);
    }
    return data;
  }

  function persona(id) {
    return S.personas.find((p) => p.id === id) || null;
  }

  function isGroup(p) {
    return p && p.kind === "group";
  }

  function memberOf(personaId) {
    const p = persona(personaId);
    if (!isGroup(p)) return undefined;
    const chosen = S.members[personaId];
    if (chosen !== undefined) return chosen;
    return p.members && p.members.length ? p.members[0].user_id : undefined;
  }

  function withMember(personaId, body) {
    const member = memberOf(personaId);
    if (member !== undefined) body.member = member;
    return body;
  }

  // The member matters in groups: their votes (my_option_ids) and their command menu.
  function chatQuery(personaId, version, wait) {
    const member = memberOf(personaId);
    const who = member !== undefined ? `&member=${encodeURIComponent(member)}` : "";
    return `?version=${encodeURIComponent(version)}&wait=${wait}${who}`;
  }

  function chatPath(personaId, tail) {
    return `/api/chats/${encodeURIComponent(personaId)}${tail}`;
  }

  // ---------------------------------------------------------------- toasts and alerts

  function toast(text, options = {}) {
    const box = $("toasts");
    const testId = options.testid || TOAST_ID;
    const node = el("div", { class: `toast ${options.kind || ""}`, "data-testid": testId, role: "status" }, text);
    box.append(node);
    const ttl = options.ttl || 3500;
    setTimeout(() => {
      node.classList.add("leaving");
      setTimeout(() => node.remove(), 300);
    }, ttl);
    return node;
  }

  function pageError(err) {
    toast(err && err.message ? err.message : String(err), { kind: "error", testid: "page-error", ttl: 5000 });
  }

  function showAlert(text) {
    closeAlert();
    const ok = el("button", { type: "button", class: "btn btn-primary", id: "alert-ok", "data-testid": "alert-ok",
      onclick: closeAlert }, "OK");
    const modal = el("div", { class: "modal-backdrop", id: "alert-modal" },
      el("div", { class: "modal alert", "data-testid": "alert", role: "alertdialog", "aria-modal": "true" },
        el("div", { class: "alert-text" }, text),
        el("div", { class: "modal-actions" }, ok)));
    modal.addEventListener("click", (event) => {
      if (event.target === modal) closeAlert();
    });
    document.body.append(modal);
    ok.focus();
  }

  function closeAlert() {
    const modal = $("alert-modal");
    if (modal) modal.remove();
  }

  // ---------------------------------------------------------------- Orenburg map (a drawn scheme, no tiles)

  const MAP = { latMin: 51.70, latMax: 51.85, lonMin: 55.00, lonMax: 55.25, w: 500, h: 484 };
  const CENTER = { lat: 51.7727, lon: 55.0988 };
  const RIVERS = [
    { name: "р. Урал", label: [55.175, 51.742], points: [[55.25, 51.742], [55.215, 51.748], [55.185, 51.757],
      [55.16, 51.748], [55.135, 51.745], [55.118, 51.752], [55.104, 51.757], [55.09, 51.755], [55.075, 51.749],
      [55.055, 51.742], [55.03, 51.736], [55.0, 51.728]] },
    { name: "р. Сакмара", label: [55.02, 51.778], points: [[55.0, 51.792], [55.015, 51.781], [55.03, 51.768],
      [55.04, 51.752], [55.045, 51.741]] },
  ];
  const STREETS = [
    { name: "пр. Победы", label: [55.165, 51.792], points: [[55.105, 51.768], [55.13, 51.776], [55.16, 51.787],
      [55.19, 51.797], [55.235, 51.812]] },
    { name: "ул. Чкалова", label: [55.128, 51.800], points: [[55.095, 51.779], [55.115, 51.792], [55.14, 51.807],
      [55.16, 51.818]] },
    { name: "пр. Гагарина", label: [55.122, 51.822], points: [[55.085, 51.795], [55.105, 51.812], [55.13, 51.83],
      [55.15, 51.845]] },
    { name: "Шарлыкское ш.", label: [55.04, 51.822], points: [[55.088, 51.792], [55.07, 51.81], [55.05, 51.83],
      [55.03, 51.848]] },
    { name: "ул. Советская", label: [55.068, 51.763], points: [[55.104, 51.758], [55.1, 51.766], [55.093, 51.776],
      [55.088, 51.79]] },
    { name: "ул. Терешковой", label: [55.158, 51.774], points: [[55.102, 51.764], [55.13, 51.765], [55.165, 51.768],
      [55.21, 51.77]] },
  ];
  const PLACES = [
    { name: "Центр", lon: 55.0988, lat: 51.7727 },
    { name: "Вокзал", lon: 55.081, lat: 51.776 },
    { name: "Степной", lon: 55.155, lat: 51.808 },
    { name: "Форштадт", lon: 55.118, lat: 51.758 },
  ];

  const SVG_NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text) node.textContent = text;
    return node;
  }

  function project(lat, lon) {
    return {
      x: ((lon - MAP.lonMin) / (MAP.lonMax - MAP.lonMin)) * MAP.w,
      y: ((MAP.latMax - lat) / (MAP.latMax - MAP.latMin)) * MAP.h,
    };
  }

  function unproject(x, y) {
    return {
      lat: MAP.latMax - (y / MAP.h) * (MAP.latMax - MAP.latMin),
      lon: MAP.lonMin + (x / MAP.w) * (MAP.lonMax - MAP.lonMin),
    };
  }

  function inMap(lat, lon) {
    return lat >= MAP.latMin && lat <= MAP.latMax && lon >= MAP.lonMin && lon <= MAP.lonMax;
  }

  function linePoints(points) {
    return points.map(([lon, lat]) => {
      const p = project(lat, lon);
      return `${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    }).join(" ");
  }

  function drawMap(options = {}) {
    const root = svg("svg", { viewBox: `0 0 ${MAP.w} ${MAP.h}`, class: `map ${options.small ? "map-small" : ""}`,
      role: "img", "aria-label": "Схема Оренбурга" });
    root.append(svg("rect", { x: 0, y: 0, width: MAP.w, height: MAP.h, class: "map-land" }));
    // The built-up city: a soft shape north of the Ural.
    root.append(svg("polygon", { class: "map-city", points: linePoints([[55.03, 51.80], [55.06, 51.835],
      [55.12, 51.842], [55.2, 51.83], [55.235, 51.805], [55.22, 51.772], [55.16, 51.752], [55.11, 51.755],
      [55.07, 51.752], [55.045, 51.765]]) }));
    for (const r of RIVERS) {
      root.append(svg("polyline", { class: "map-river", points: linePoints(r.points) }));
    }
    for (const s of STREETS) {
      root.append(svg("polyline", { class: "map-street", points: linePoints(s.points) }));
    }
    {
      for (const r of RIVERS) {
        const p = project(r.label[1], r.label[0]);
        root.append(svg("text", { x: p.x, y: p.y, class: "map-label map-label-river" }, r.name));
      }
      for (const s of STREETS) {
        const p = project(s.label[1], s.label[0]);
        root.append(svg("text", { x: p.x, y: p.y, class: "map-label" }, s.name));
      }
      for (const place of PLACES) {
        const p = project(place.lat, place.lon);
        root.append(svg("circle", { cx: p.x, cy: p.y, r: 3, class: "map-place" }));
        root.append(svg("text", { x: p.x + 6, y: p.y - 5, class: "map-label map-label-place" }, place.name));
      }
    }
    return root;
  }

  function pin(root, lat, lon, small) {
    const old = root.querySelector(".map-pin");
    if (old) old.remove();
    if (!inMap(lat, lon)) return;
    const p = project(lat, lon);
    const scale = small ? 2.2 : 1;
    const g = svg("g", { class: "map-pin", transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)}) scale(${scale})` });
    g.append(svg("path", { d: "M0,0 C-3,-7 -9,-10 -9,-17 A9,9 0 1,1 9,-17 C9,-10 3,-7 0,0 Z" }));
    g.append(svg("circle", { cx: 0, cy: -17, r: 3.5, class: "map-pin-dot" }));
    root.append(g);
  }

  function coordText(value) {
    return Number(value).toFixed(5).replace(/0+$/, "").replace(/\.$/, "");
  }

  // ---------------------------------------------------------------- location picker

  let pickerSubmit = null;

  function openLocationPicker() {
    closeLocationPicker();
    const map = drawMap();
    const lat = el("input", { id: "location-lat", "data-testid": "location-lat", inputmode: "decimal",
      autocomplete: "off", value: coordText(CENTER.lat) });
    const lon = el("input", { id: "location-lon", "data-testid": "location-lon", inputmode: "decimal",
      autocomplete: "off", value: coordText(CENTER.lon) });
    const error = el("div", { class: "modal-error", hidden: true });
    const send = el("button", { type: "button", class: "btn btn-primary", id: "location-send",
      "data-testid": "location-send" }, "Отправить место");
    const close = () => closeLocationPicker();
    const refreshPin = () => {
      const a = parseCoord(lat.value);
      const b = parseCoord(lon.value);
      if (a !== null && b !== null) pin(map, a, b, false);
    };
    map.addEventListener("click", (event) => {
      const box = map.getBoundingClientRect();
      const x = ((event.clientX - box.left) / box.width) * MAP.w;
      const y = ((event.clientY - box.top) / box.height) * MAP.h;
      const point = unproject(x, y);
      lat.value = coordText(point.lat);
      lon.value = coordText(point.lon);
      error.hidden = true;
      pin(map, point.lat, point.lon, false);
    });
    const onPaste = (event) => {
      // «51.77, 55.10» pasted into one field fills both.
      const text = (event.clipboardData || window.clipboardData).getData("text");
      const parts = text.split(/[\s,;]+/).filter(Boolean);
      if (parts.length === 2 && parseCoord(parts[0]) !== null && parseCoord(parts[1]) !== null) {
        event.preventDefault();
        lat.value = parts[0];
        lon.value = parts[1];
        refreshPin();
      }
    };
    lat.addEventListener("paste", onPaste);
    lat.addEventListener("input", refreshPin);
    lon.addEventListener("input", refreshPin);
    send.addEventListener("click", async () => {
      const a = parseCoord(lat.value);
      const b = parseCoord(lon.value);
      if (a === null || b === null || Math.abs(a) > 90 || Math.abs(b) > 180) {
        error.textContent = "Введите широту от −90 до 90 и долготу от −180 до 180, например 51.7727 и 55.0988.";
        error.hidden = false;
        return;
      }
      send.disabled = true;
      try {
        await sendLocation(a, b);
        closeLocationPicker();
      } catch (err) {
        error.textContent = err.message;
        error.hidden = false;
        send.disabled = false;
      }
    });
    const modal = el("div", { class: "modal-backdrop", id: "location-modal" },
      el("div", { class: "modal location-picker", "data-testid": "location-picker", role: "dialog",
        "aria-modal": "true", "aria-label": "Место на карте" },
        el("div", { class: "modal-head" },
          el("h2", null, "Место на карте"),
          el("button", { type: "button", class: "icon-btn", "aria-label": "Закрыть", onclick: close }, "✕")),
        el("p", { class: "modal-hint" }, "Нажмите на схему Оренбурга или введите координаты."),
        el("div", { class: "map-wrap" }, map),
        el("div", { class: "coords" },
          el("label", null, "Широта", lat),
          el("label", null, "Долгота", lon)),
        error,
        el("div", { class: "modal-actions" },
          el("button", { type: "button", class: "btn btn-ghost", onclick: close }, "Отмена"),
          send)));
    modal.addEventListener("click", (event) => {
      if (event.target === modal) close();
    });
    document.body.append(modal);
    refreshPin();
    pickerSubmit = send;
  }

  function closeLocationPicker() {
    const modal = $("location-modal");
    if (modal) modal.remove();
    pickerSubmit = null;
  }

  function parseCoord(text) {
    const clean = String(text || "").trim().replace(",", ".").replace("−", "-");
    if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
    return Number(clean);
  }

  // ---------------------------------------------------------------- sending

  async function sendText(text) {
    const personaId = S.active;
    const body = withMember(personaId, { text });
    const replyTo = forcedReplyTarget(personaId);
    if (replyTo !== null) {
      body.reply_to = replyTo;
      // Hide the «Ответ на» bar until the chat changes (the bot's next message).
      const chat = S.chats[personaId];
      S.replySent[personaId] = `${chat.version}:${replyTo}`;
    }
    S.stickToBottom = true;
    await api(chatPath(personaId, "/send"), { method: "POST", json: body });
    renderReplyBar();
  }

  async function sendLocation(latitude, longitude) {
    S.stickToBottom = true;
    await api(chatPath(S.active, "/location"), { method: "POST",
      json: withMember(S.active, { latitude, longitude }) });
  }

  async function uploadFiles(kind, files) {
    if (!files || !files.length) return;
    const personaId = S.active;
    const form = new FormData();
    const list = kind === "photos" ? Array.from(files) : [files[0]];
    for (const file of list) form.append("file", file, file.name);
    const input = $("composer-input");
    const caption = input.value.trim();
    if (caption) form.append("caption", caption);
    const member = memberOf(personaId);
    if (member !== undefined) form.append("member", String(member));
    const what = kind === "photos" ? (list.length > 1 ? `альбом из ${list.length} фото` : "фото") : "файл";
    const notice = toast(`Отправляется ${what}…`, { testid: "notice", ttl: 2000 });
    S.stickToBottom = true;
    try {
      await api(chatPath(personaId, kind === "photos" ? "/photos" : "/document"), { method: "POST", form });
      if (caption) {
        input.value = "";
        autosize();
      }
    } catch (err) {
      notice.remove();
      pageError(err);
    }
  }

  async function press(message, button, node) {
    const personaId = S.active;
    node.classList.add("busy");
    node.disabled = true;
    try {
      const result = await api(chatPath(personaId, "/press"), { method: "POST",
        json: withMember(personaId, { message_id: message.id, data: button.callback_data }) });
      const answer = result && result.answer;
      if (answer && answer.text) {
        if (answer.show_alert) showAlert(answer.text);
        else toast(answer.text);
      }
    } catch (err) {
      pageError(err);
    } finally {
      node.classList.remove("busy");
      node.disabled = false;
    }
  }

  async function vote(message, optionIds) {
    const personaId = S.active;
    const key = pollKey(personaId, message.id);
    await api(chatPath(personaId, "/vote"), { method: "POST",
      json: withMember(personaId, { message_id: message.id, option_ids: optionIds }) });
    S.pollEdit[key] = false;
    S.pollVoted[key] = optionIds.length > 0;
    delete S.pollSel[key];
    renderMessages(true);
  }

  // A t.me link with ?start=… opens the bot's private chat of the person who clicked and sends /start with it.
  function deepLink(href) {
    const match = /^https?:\/\/t\.me\/([A-Za-z0-9_]+)\?start=([A-Za-z0-9_-]+)/.exec(href || "");
    return match ? match[2] : null;
  }

  function privatePersonaOf(userId) {
    return S.personas.find((p) => !isGroup(p) && p.members && p.members.some((m) => m.user_id === userId)) ||
      S.personas.find((p) => !isGroup(p) && p.chat_id === userId) || null;
  }

  async function followDeepLink(payload) {
    const current = persona(S.active);
    let target = current;
    if (isGroup(current)) {
      target = privatePersonaOf(memberOf(S.active));
      if (!target) {
        toast("У этого участника нет личного чата с ботом в песочнице.", { testid: "notice" });
        return;
      }
    }
    if (target.id !== S.active) selectPersona(target.id);
    try {
      S.stickToBottom = true;
      await api(chatPath(target.id, "/send"), { method: "POST", json: { text: `/start ${payload}` } });
    } catch (err) {
      pageError(err);
    }
  }

  // ---------------------------------------------------------------- personas

  function renderPersonas() {
    const nav = $("personas");
    const nodes = S.personas.map((p) => {
      const chat = S.chats[p.id];
      const last = chat ? lastVisible(chat.messages) : null;
      const preview = last ? previewOf(last, p) : p.hint || "";
      const unread = chat && S.seen[p.id] !== undefined && p.id !== S.active
        ? Math.max(0, countVisible(chat.messages) - S.seen[p.id]) : 0;
      const node = el("button", { type: "button", class: "persona", "data-testid": `persona-${p.id}`,
        "data-persona": p.id, "aria-current": p.id === S.active ? "true" : null,
        title: p.hint || p.title, onclick: () => selectPersona(p.id) },
        el("span", { class: "avatar", style: `background:${colorFor(p.id)}` }, initials(p.title)),
        el("span", { class: "p-body" },
          el("span", { class: "p-top" },
            el("span", { class: "p-title" }, p.title),
            el("span", { class: "p-lang" }, (p.lang || "").toUpperCase())),
          el("span", { class: "p-preview" }, preview)),
        unread ? el("span", { class: "badge", "aria-label": `${unread} новых` }, String(unread)) : null);
      return node;
    });
    nav.replaceChildren(...nodes);
  }

  function lastVisible(messages) {
    for (let i = messages.length - 1; i >= 0; i -= 1) if (!messages[i].deleted) return messages[i];
    return null;
  }

  function countVisible(messages) {
    return messages.filter((m) => !m.deleted).length;
  }

  function previewOf(m, p) {
    let text = plainText(m.html);
    if (!text) {
      text = { photo: "Фото", album: "Альбом", document: m.document ? m.document.name : "Файл",
        location: "Место на карте", venue: "Место на карте", poll: m.poll ? `Опрос: ${m.poll.question}` : "Опрос",
        sticker: "Стикер" }[m.kind] || "Сообщение";
    }
    const who = m.from === "user" ? (isGroup(p) ? `${m.sender}: ` : "Вы: ") : "";
    return who + text;
  }

  function selectPersona(id) {
    if (!persona(id)) return;
    S.active = id;
    // A button's answer belongs to the chat it was pressed in: it does not follow to another persona.
    for (const node of $("toasts").querySelectorAll(`[data-testid="${TOAST_ID}"]`)) node.remove();
    if (location.hash !== `#${id}`) history.replaceState(null, "", `#${id}`);
    S.rendered = new Map();
    $("messages-inner").replaceChildren();
    closeCommandMenu();
    S.stickToBottom = true;
    renderHeader();
    renderChat();
    renderPersonas();
    startChatLoop();
    $("composer-input").focus({ preventScroll: true });
  }

  function renderHeader() {
    const p = persona(S.active);
    if (!p) return;
    $("chat-title").textContent = p.title;
    const avatar = $("chat-avatar");
    avatar.textContent = initials(p.title);
    avatar.style.background = colorFor(p.id);
    let sub;
    if (isGroup(p)) {
      const n = (p.members || []).length;
      sub = `${n} ${plural(n, "участник", "участника", "участников")} и бот`;
    } else {
      sub = p.lang === "en" ? "личный чат с ботом · язык: английский" : "личный чат с ботом · язык: русский";
    }
    $("chat-sub").textContent = sub;
    const pinned = $("pinned");
    pinned.hidden = !p.hint;
    pinned.classList.remove("open");
    pinned.setAttribute("aria-expanded", "false");
    $("pinned-text").textContent = p.hint || "";
    const pick = $("member-pick");
    const select = $("member-select");
    if (isGroup(p)) {
      pick.hidden = false;
      const current = memberOf(p.id);
      select.replaceChildren(...(p.members || []).map((m) =>
        el("option", { value: m.user_id, selected: m.user_id === current }, m.name)));
      select.value = String(current);
    } else {
      pick.hidden = true;
      select.replaceChildren();
    }
  }

  // ---------------------------------------------------------------- chat loop

  function startChatLoop(refetch) {
    if (refetch && S.chats[S.active]) S.chats[S.active] = Object.assign({}, S.chats[S.active], { version: -1 });
    S.loopToken += 1;
    if (S.loopAbort) S.loopAbort.abort();
    const token = S.loopToken;
    const abort = new AbortController();
    S.loopAbort = abort;
    const personaId = S.active;
    (async () => {
      let failures = 0;
      while (token === S.loopToken) {
        const chat = S.chats[personaId];
        const version = chat ? chat.version : -1;
        try {
          const data = await api(chatPath(personaId, chatQuery(personaId, version, 25)), { signal: abort.signal });
          if (token !== S.loopToken) return;
          applyChat(personaId, data);
          failures = 0;
        } catch (err) {
          if (abort.signal.aborted || token !== S.loopToken) return;
          failures += 1;
          await delay(Math.min(5000, 500 * failures));
        }
      }
    })();
  }

  function applyChat(personaId, data) {
    if (!data || !Array.isArray(data.messages)) return;
    const first = !S.chats[personaId];
    const before = S.chats[personaId];
    if (first) {
      // Messages deleted before the page opened are not shown at all.
      for (const m of data.messages) if (m.deleted) S.deletedAt[`${personaId}:${m.id}`] = 0;
    }
    S.chats[personaId] = data;
    if (S.seen[personaId] === undefined || personaId === S.active) S.seen[personaId] = countVisible(data.messages);
    if (personaId === S.active) {
      if (!before || before.version !== data.version || first) renderChat();
    }
    renderPersonas();
  }

  async function pollOthers() {
    for (;;) {
      for (const p of S.personas) {
        if (p.id === S.active) continue;
        const chat = S.chats[p.id];
        const version = chat ? chat.version : -1;
        try {
          const data = await api(chatPath(p.id, chatQuery(p.id, version, 0)));
          if (p.id !== S.active && (!chat || data.version !== chat.version)) applyChat(p.id, data);
        } catch (err) {
          // the sandbox may be restarting; try again on the next round
        }
      }
      await delay(4000);
    }
  }

  async function pollState() {
    let personasKey = "";
    for (;;) {
      try {
        const state = await api("/api/state");
        const key = JSON.stringify(state.personas);
        if (key !== personasKey) {
          personasKey = key;
          S.personas = state.personas || [];
          if (!persona(S.active)) {
            const wanted = decodeURIComponent(location.hash.slice(1));
            selectPersona(persona(wanted) ? wanted : (S.personas[0] || {}).id);
          } else {
            renderHeader();
            renderPersonas();
          }
        }
        S.clock = state.clock;
        S.bot = state.bot;
        S.nextSession = state.next_session || null;
        renderMachine();
      } catch (err) {
        S.bot = "offline";
        renderMachine();
      }
      await delay(S.bot === "running" ? 3000 : 1000);
    }
  }

  function renderMachine() {
    const status = $("bot-status");
    status.dataset.status = S.bot;
    status.textContent = STATUS_TEXT[S.bot] || "нет связи с песочницей";
    const clock = $("clock");
    clock.textContent = S.clock ? (S.clock.now_text || S.clock.now || "—") : "—";
    const shift = S.clock ? Number(S.clock.shift_seconds) || 0 : 0;
    clock.title = shift > 0 ? `Часы бота впереди на ${shiftText(shift)}` : "Часы бота идут как настоящие";
    renderSessionSteps();
    const banner = $("banner");
    let text = "";
    if (S.bot === "starting") text = "Бот запускается. Сообщения дойдут, как только он проснётся.";
    else if (S.bot === "restarting") text = "Бот перезапускается с новым временем. Сообщения дойдут, как только он проснётся.";
    else if (S.bot === "stopped") text = "Бот остановлен. Подробности — в журнале песочницы.";
    else if (S.bot === "offline") text = "Нет связи с песочницей. Она запущена?";
    banner.hidden = !text;
    banner.textContent = text;
    banner.dataset.status = S.bot;
  }

  // «To the next session»: steps the server works out from the bot's database (5 minutes after start or end).
  function renderSessionSteps() {
    const box = $("session-steps");
    const next = S.nextSession;
    const key = next ? JSON.stringify([next.number, next.to_start !== null, next.starts_text]) : "";
    if (box.dataset.key === key) {
      // same session: only the seconds change
      for (const button of box.querySelectorAll("button")) {
        const seconds = button.dataset.kind === "start" ? next.to_start : next.to_end;
        if (seconds !== null && seconds !== undefined) button.dataset.seconds = String(seconds);
      }
      return;
    }
    box.dataset.key = key;
    if (!next) {
      box.replaceChildren();
      return;
    }
    const steps = [];
    const title = `№\u00a0${next.number} «${next.title}»`;
    if (next.to_start !== null && next.to_start !== undefined) {
      steps.push(["start", next.to_start, "К началу сессии", `${title}, ${next.starts_text || ""}: через 5 минут после начала`]);
    }
    if (next.to_end !== null && next.to_end !== undefined) {
      steps.push(["end", next.to_end, "К концу сессии", `${title}: через 5 минут после конца`]);
    }
    box.replaceChildren(...steps.map(([kind, seconds, label, note]) => {
      const button = el("button", { type: "button", class: "step step-session", "data-testid": "time-step",
        "data-seconds": seconds, "data-kind": kind, role: "menuitem", title: note },
        el("span", null, label), el("span", { class: "step-note" }, note));
      button.addEventListener("click", () => moveClock(Number(button.dataset.seconds), label.toLowerCase()));
      return button;
    }));
  }

  function shiftText(seconds) {
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    const parts = [];
    if (days) parts.push(`${days} ${plural(days, "день", "дня", "дней")}`);
    if (hours) parts.push(`${hours} ${plural(hours, "час", "часа", "часов")}`);
    if (minutes || !parts.length) parts.push(`${minutes} ${plural(minutes, "минуту", "минуты", "минут")}`);
    return parts.join(" ");
  }

  // ---------------------------------------------------------------- messages

  function messageByIdIn(chat, id) {
    return chat ? chat.messages.find((m) => m.id === id) || null : null;
  }

  function renderChat() {
    renderMessages(false);
    renderReplyKeyboard();
    renderReplyBar();
    if (S.menuOpen) renderCommandMenu();
  }

  function renderMessages(force) {
    const personaId = S.active;
    const chat = S.chats[personaId];
    const scroller = $("messages");
    const inner = $("messages-inner");
    const atBottom = S.atBottom;
    if (!chat) {
      inner.replaceChildren(el("div", { class: "empty" }, el("div", { class: "empty-card" }, "Загрузка…")));
      return;
    }
    const p = persona(personaId);
    const now = Date.now();
    const nodes = [];
    let lastDay = null;
    let pendingRerender = false;
    const next = new Map();
    for (const m of chat.messages) {
      const key = `${personaId}:${m.id}`;
      if (m.deleted) {
        if (!(key in S.deletedAt)) S.deletedAt[key] = now;
        const since = now - S.deletedAt[key];
        if (S.deletedAt[key] === 0 || since > DELETED_VISIBLE_MS) continue;
        pendingRerender = true;
      }
      const day = dayText(m.date);
      if (day !== lastDay) {
        nodes.push(el("div", { class: "day" }, el("span", null, day)));
        lastDay = day;
      }
      const poll = pollKey(personaId, m.id);
      const sig = JSON.stringify([m, S.pollSel[poll] ? Array.from(S.pollSel[poll]) : null, S.pollEdit[poll],
        S.pollVoted[poll], m.reply_to ? messageSig(chat, m.reply_to) : null, isGroup(p)]);
      const old = S.rendered.get(key);
      const node = !force && old && old.sig === sig ? old.el : renderMessage(m, chat, p);
      next.set(key, { sig, el: node });
      nodes.push(node);
    }
    S.rendered = next;
    if (!nodes.length) nodes.push(emptyChat(p));
    const same = nodes.length === inner.children.length && nodes.every((n, i) => inner.children[i] === n);
    if (!same) inner.replaceChildren(...nodes);
    if (atBottom || S.stickToBottom) {
      scrollToEnd();
      S.stickToBottom = false;
    }
    if (pendingRerender) {
      clearTimeout(S.deletedTimer);
      S.deletedTimer = setTimeout(() => renderMessages(false), DELETED_VISIBLE_MS + 100);
    }
  }

  function messageSig(chat, id) {
    const m = messageByIdIn(chat, id);
    return m ? [m.html, m.deleted, m.kind] : null;
  }

  function emptyChat(p) {
    const card = el("div", { class: "empty-card" },
      el("div", { class: "empty-title" }, "Здесь пока пусто"),
      p && p.hint ? el("div", { class: "empty-hint" }, p.hint) : null);
    if (p && !isGroup(p)) {
      card.append(el("button", { type: "button", class: "btn btn-primary",
        onclick: () => sendText("/start").catch(pageError) }, "Начать: /start"));
    }
    return el("div", { class: "empty" }, card);
  }

  // A poll's state on the page is the writing member's own (in a group each member votes for themself).
  function pollKey(personaId, messageId) {
    const member = memberOf(personaId);
    return `${personaId}:${member === undefined ? "" : member}:${messageId}`;
  }

  function renderMessage(m, chat, p) {
    const key = pollKey(p.id, m.id);
    const fromBot = m.from === "bot";
    const row = el("div", { class: `msg-row ${fromBot ? "from-bot" : "from-user"}`, "data-testid": "message",
      "data-from": fromBot ? "bot" : "user", "data-message-id": m.id, "data-kind": m.kind,
      "data-edited": m.edited ? "1" : null, "data-deleted": m.deleted ? "1" : null });
    const bubble = el("div", { class: `bubble kind-${m.kind}` });
    if (m.deleted) {
      bubble.classList.add("deleted");
      bubble.append(el("div", { class: "deleted-text" }, "Сообщение удалено"));
      row.append(bubble);
      return row;
    }
    if (isGroup(p)) {
      bubble.append(el("div", { class: "sender", style: `color:${fromBot ? "#3a8fd9" : colorFor(m.sender)}` },
        m.sender || (fromBot ? "Бот" : "")));
    }
    if (m.reply_to) {
      const target = messageByIdIn(chat, m.reply_to);
      if (target) {
        const quote = el("div", { class: "quote", title: "Показать сообщение" },
          el("div", { class: "quote-sender" }, target.from === "bot" ? (target.sender || "Бот") : target.sender),
          el("div", { class: "quote-text" }, target.deleted ? "Сообщение удалено" : previewOf(target, { kind: "x" })));
        quote.addEventListener("click", () => {
          const node = document.querySelector(`[data-testid="message"][data-message-id="${target.id}"]`);
          if (node) {
            node.scrollIntoView({ block: "center", behavior: "smooth" });
            node.classList.add("flash");
            setTimeout(() => node.classList.remove("flash"), 1200);
          }
        });
        bubble.append(quote);
      }
    }
    const photos = Array.isArray(m.photos) ? m.photos : [];
    if (photos.length) {
      const grid = el("div", { class: `photos n${Math.min(photos.length, 4)}` });
      for (const url of photos) {
        const img = el("img", { "data-testid": "message-photo", src: url, alt: "Фото" });
        img.addEventListener("click", () => openLightbox(url));
        grid.append(img);
      }
      bubble.append(grid);
    }
    if (m.document) bubble.append(renderDocument(m.document));
    if (m.location) bubble.append(renderLocation(m.location));
    if (m.poll) bubble.append(renderPoll(m, key));
    const text = el("div", { class: "text", "data-testid": "message-text" });
    text.append(safeHtml(m.html, fromBot));
    bubble.append(text);
    if (m.kind === "sticker" && !photos.length) text.prepend(el("span", { class: "muted" }, "Стикер"));
    if (m.kind === "other" && !text.textContent) text.append(el("span", { class: "muted" }, "Сообщение этого вида здесь не показывается"));
    const meta = el("div", { class: "meta" },
      m.edited ? el("span", { class: "edited" }, "изменено") : null,
      el("span", { class: "time", title: `${dayText(m.date)}, ${timeText(m.date)} по времени Оренбурга` },
        timeText(m.date)));
    bubble.append(meta);
    if (photos.length && !plainText(m.html)) bubble.classList.add("media-only");
    row.append(bubble);
    if (Array.isArray(m.inline_keyboard) && m.inline_keyboard.length) row.append(renderInlineKeyboard(m));
    return row;
  }

  // A picture that loads late makes the list taller: stay at the bottom if the reader was there.
  function keepBottom() {
    if (S.atBottom) scrollToEnd();
  }

  function scrollToEnd() {
    const scroller = $("messages");
    scroller.scrollTop = scroller.scrollHeight;
    S.autoTop = scroller.scrollTop;
    S.atBottom = true;
  }

  function renderDocument(doc) {
    const ext = (String(doc.name || "").split(".").pop() || "").slice(0, 4).toUpperCase();
    const link = el("a", { "data-testid": "document-link", download: doc.name || true, href: doc.url,
      class: "doc-name" }, doc.name || "файл");
    return el("div", { class: "doc" },
      el("a", { class: "doc-icon", href: doc.url, download: doc.name || true, "aria-hidden": "true", tabindex: "-1" },
        ext || "⤓"),
      el("div", { class: "doc-body" }, link,
        el("div", { class: "doc-meta" }, [sizeText(doc.size), "скачать"].filter(Boolean).join(" · "))));
  }

  function renderLocation(loc) {
    const lat = Number(loc.latitude);
    const lon = Number(loc.longitude);
    const map = drawMap({ small: true });
    const inside = inMap(lat, lon);
    if (inside) {
      // A close-up around the point, as a map preview in a chat would be.
      const p = project(lat, lon);
      const w = 220;
      const h = 120;
      const x = Math.min(Math.max(p.x - w / 2, 0), MAP.w - w);
      const y = Math.min(Math.max(p.y - h / 2 - 10, 0), MAP.h - h);
      map.setAttribute("viewBox", `${x.toFixed(1)} ${y.toFixed(1)} ${w} ${h}`);
      map.setAttribute("preserveAspectRatio", "xMidYMid slice");
      pin(map, lat, lon, false);
    }
    return el("div", { class: "loc", "data-testid": "message-location" },
      inside ? map : el("div", { class: "loc-outside" }, "За пределами схемы Оренбурга"),
      el("div", { class: "loc-body" },
        loc.title ? el("div", { class: "loc-title" }, loc.title) : null,
        el("div", { class: "loc-coords" }, `${coordText(loc.latitude)}, ${coordText(loc.longitude)}`)));
  }

  function renderPoll(m, key) {
    const poll = m.poll;
    const mine = Array.isArray(poll.my_option_ids) ? poll.my_option_ids : [];
    const showResults = poll.is_closed || (!S.pollEdit[key] && (mine.length > 0 || S.pollVoted[key]));
    const kind = [poll.is_closed ? "Опрос завершён" : (poll.is_anonymous ? "Анонимный опрос" : "Открытый опрос"),
      poll.allows_multiple_answers ? "можно несколько ответов" : null].filter(Boolean).join(" · ");
    const box = el("div", { class: "poll", "data-testid": "poll", "data-poll-id": poll.id },
      el("div", { class: "poll-q" }, poll.question),
      el("div", { class: "poll-kind" }, kind));
    const total = Number(poll.total_voter_count) || 0;
    if (showResults) {
      const max = Math.max(1, ...poll.options.map((o) => Number(o.voter_count) || 0));
      const results = el("div", { class: "poll-results", "data-testid": "poll-results" });
      poll.options.forEach((option, index) => {
        const count = Number(option.voter_count) || 0;
        const pct = total ? Math.round((count / total) * 100) : 0;
        results.append(el("div", { class: `res ${mine.includes(index) ? "mine" : ""}`, "data-option": index },
          el("div", { class: "res-top" },
            el("span", { class: "res-pct" }, `${pct}%`),
            el("span", { class: "res-text" }, option.text, mine.includes(index) ? el("span", { class: "tick" }, " ✓") : null),
            el("span", { class: "res-count" }, String(count))),
          el("div", { class: "bar" }, el("span", { style: `width:${Math.round((count / max) * 100)}%` }))));
      });
      results.append(el("div", { class: "poll-total" },
        `${total} ${plural(total, "голос", "голоса", "голосов")}`));
      box.append(results);
      if (!poll.is_closed) {
        box.append(el("button", { type: "button", class: "link-btn", onclick: () => {
          S.pollEdit[key] = true;
          S.pollSel[key] = new Set(mine);
          renderMessages(false);
        } }, "Изменить голос"));
      }
      return box;
    }
    const selected = S.pollSel[key] || new Set();
    const type = poll.allows_multiple_answers ? "checkbox" : "radio";
    const options = el("div", { class: "poll-options" });
    poll.options.forEach((option, index) => {
      const input = el("input", { type, name: `poll-${key}`, value: index, checked: selected.has(index) });
      input.addEventListener("change", () => {
        const current = S.pollSel[key] || new Set();
        if (type === "radio") current.clear();
        if (input.checked) current.add(index);
        else current.delete(index);
        S.pollSel[key] = current;
        updateVoteButton();
      });
      options.append(el("label", { class: "poll-option", "data-testid": "poll-option" }, input,
        el("span", null, option.text)));
    });
    const voteButton = el("button", { type: "button", class: "btn btn-primary poll-vote", "data-testid": "poll-vote" },
      "Голосовать");
    const updateVoteButton = () => {
      const count = (S.pollSel[key] || new Set()).size;
      voteButton.disabled = count === 0 && !S.pollEdit[key];
      voteButton.textContent = count === 0 && S.pollEdit[key] ? "Отозвать голос" : "Голосовать";
    };
    updateVoteButton();
    voteButton.addEventListener("click", async () => {
      voteButton.disabled = true;
      try {
        await vote(m, Array.from(S.pollSel[key] || []).sort((a, b) => a - b));
      } catch (err) {
        pageError(err);
        voteButton.disabled = false;
      }
    });
    const actions = el("div", { class: "poll-actions" }, voteButton);
    if (S.pollEdit[key]) {
      actions.append(el("button", { type: "button", class: "link-btn", onclick: () => {
        S.pollEdit[key] = false;
        delete S.pollSel[key];
        renderMessages(false);
      } }, "Отмена"));
    }
    box.append(options, actions,
      el("div", { class: "poll-total" }, `${total} ${plural(total, "голос", "голоса", "голосов")}`));
    return box;
  }

  function renderInlineKeyboard(m) {
    const kb = el("div", { class: "inline-kb" });
    for (const row of m.inline_keyboard) {
      const line = el("div", { class: "kb-row" });
      for (const button of row) {
        let node;
        if (button.url) {
          node = el("a", { class: "kb-btn url", "data-testid": "inline-button", href: button.url, target: "_blank",
            rel: "noopener noreferrer", title: button.url }, button.text, el("span", { class: "arrow" }, "↗"));
        } else if (button.callback_data !== undefined) {
          node = el("button", { type: "button", class: "kb-btn", "data-testid": "inline-button" }, button.text);
          node.addEventListener("click", () => press(m, button, node));
        } else {
          node = el("button", { type: "button", class: "kb-btn", "data-testid": "inline-button", disabled: true,
            title: "Эта кнопка в песочнице не работает" }, button.text);
        }
        line.append(node);
      }
      kb.append(line);
    }
    return kb;
  }

  // ---------------------------------------------------------------- reply keyboard, ForceReply

  function renderReplyKeyboard() {
    const box = $("reply-keyboard");
    const chat = S.chats[S.active];
    const markup = chat ? chat.reply_keyboard : null;
    const forced = chat ? chat.force_reply : null;
    const input = $("composer-input");
    input.placeholder = (forced && forced.placeholder) || (markup && (markup.placeholder || markup.input_field_placeholder)) ||
      "Сообщение";
    let rows = null;
    if (markup && Array.isArray(markup.rows)) rows = markup.rows;
    else if (markup && Array.isArray(markup.keyboard)) rows = markup.keyboard;
    const toggle = $("keyboard-toggle");
    if (!rows || !rows.length) {
      box.hidden = true;
      toggle.hidden = true;
      box.replaceChildren();
      return;
    }
    toggle.hidden = false;
    toggle.setAttribute("aria-pressed", S.keyboardHidden ? "false" : "true");
    box.hidden = Boolean(S.keyboardHidden);
    box.replaceChildren(...rows.map((row) => el("div", { class: "kb-row" }, ...row.map((raw) => {
      const button = typeof raw === "string" ? { text: raw } : raw;
      const node = el("button", { type: "button", class: "reply-btn", "data-testid": "reply-button" },
        button.request_location ? icon("pin") : null, button.text);
      if (button.request_location) node.title = "Откроется выбор места";
      node.addEventListener("click", () => {
        if (button.request_location) openLocationPicker();
        else sendText(button.text).catch(pageError);
      });
      return node;
    }))));
  }

  // ForceReply: the bot's last message asks for an answer; the next message of the chat replies to it.
  function forcedReplyTarget(personaId) {
    const chat = S.chats[personaId];
    const forced = chat ? chat.force_reply : null;
    if (!forced || forced.message_id === undefined || forced.message_id === null) return null;
    if (S.replySent[personaId] === `${chat.version}:${forced.message_id}`) return null;
    return forced.message_id;
  }

  function renderReplyBar() {
    const bar = $("reply-bar");
    const target = forcedReplyTarget(S.active);
    const message = target !== null ? messageByIdIn(S.chats[S.active], target) : null;
    if (!message) {
      bar.hidden = true;
      return;
    }
    bar.hidden = false;
    $("reply-bar-quote").textContent = previewOf(message, { kind: "x" });
  }

  // ---------------------------------------------------------------- command menu

  function renderCommandMenu() {
    const menu = $("command-menu");
    const chat = S.chats[S.active];
    const commands = chat && Array.isArray(chat.commands) ? chat.commands : [];
    const typed = $("composer-input").value;
    const prefix = typed.startsWith("/") ? typed.slice(1).split(/\s/)[0].toLowerCase() : "";
    const shown = commands.filter((c) => c.command.toLowerCase().startsWith(prefix));
    if (!shown.length) {
      menu.replaceChildren(el("div", { class: "menu-empty" },
        commands.length ? "Нет такой команды" : "Бот ещё не задал команды для этого чата"));
    } else {
      menu.replaceChildren(...shown.map((c) => el("button", { type: "button", class: "command-item",
        "data-testid": "command-item", "data-command": c.command, role: "menuitem", onclick: () => {
          closeCommandMenu();
          $("composer-input").value = "";
          autosize();
          sendText(`/${c.command}`).catch(pageError);
        } }, el("span", { class: "cmd" }, `/${c.command}`), el("span", { class: "cmd-desc" }, c.description || ""))));
    }
    menu.hidden = false;
  }

  function openCommandMenu() {
    S.menuOpen = true;
    $("commands-button").setAttribute("aria-expanded", "true");
    renderCommandMenu();
  }

  function closeCommandMenu() {
    S.menuOpen = false;
    $("commands-button").setAttribute("aria-expanded", "false");
    $("command-menu").hidden = true;
  }

  // ---------------------------------------------------------------- composer

  function autosize() {
    const input = $("composer-input");
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  }

  async function submitComposer() {
    const input = $("composer-input");
    const text = input.value;
    if (!text.trim()) return;
    input.value = "";
    autosize();
    closeCommandMenu();
    try {
      await sendText(text);
    } catch (err) {
      if (!input.value) input.value = text;
      autosize();
      pageError(err);
    }
  }

  function openLightbox(url) {
    $("lightbox-img").src = url;
    $("lightbox").hidden = false;
  }

  // ---------------------------------------------------------------- time machine and start over

  function toggleTimeSteps(open) {
    const box = $("time-steps");
    const show = open === undefined ? box.hidden : open;
    box.hidden = !show;
    $("time-machine").setAttribute("aria-expanded", show ? "true" : "false");
  }

  async function moveClock(seconds, label) {
    toggleTimeSteps(false);
    S.bot = "restarting";
    renderMachine();
    try {
      const clock = await api("/api/clock", { method: "POST", json: { seconds } });
      if (clock && (clock.now_text || clock.now)) {
        S.clock = clock.clock || clock;
        renderMachine();
      }
      toast(`Часы бота сдвинуты: ${label}`, { testid: "notice" });
    } catch (err) {
      pageError(err);
    }
  }

  async function startOver() {
    // eslint-disable-next-line no-alert
    if (!window.confirm("Начать заново? Все чаты и данные песочницы будут удалены, часы бота вернутся к настоящему времени.")) return;
    try {
      await api("/api/reset", { method: "POST", json: {} });
    } catch (err) {
      pageError(err);
      return;
    }
    S.chats = {};
    S.seen = {};
    S.replySent = {};
    S.deletedAt = {};
    S.pollSel = {};
    S.pollEdit = {};
    S.pollVoted = {};
    S.rendered = new Map();
    $("messages-inner").replaceChildren();
    toast("Песочница очищена", { testid: "notice" });
    renderPersonas();
    startChatLoop();
  }

  // ---------------------------------------------------------------- wiring

  function wire() {
    const input = $("composer-input");
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submitComposer();
      } else if (event.key === "Escape") {
        closeCommandMenu();
      }
    });
    input.addEventListener("input", () => {
      autosize();
      if (input.value.startsWith("/") && !/\s/.test(input.value)) openCommandMenu();
      else if (S.menuOpen) closeCommandMenu();
    });
    $("composer-send").addEventListener("click", () => submitComposer());
    $("commands-button").addEventListener("click", (event) => {
      event.stopPropagation();
      if (S.menuOpen) closeCommandMenu();
      else openCommandMenu();
    });
    $("attach-photo").addEventListener("change", (event) => {
      const files = Array.from(event.target.files || []);
      event.target.value = "";
      uploadFiles("photos", files);
    });
    $("attach-document").addEventListener("change", (event) => {
      const files = Array.from(event.target.files || []);
      event.target.value = "";
      uploadFiles("document", files);
    });
    $("attach-location").addEventListener("click", () => openLocationPicker());
    // Pictures load late and make the list taller: whoever was at the end stays there.
    const grow = new ResizeObserver(() => keepBottom());
    grow.observe($("messages-inner"));
    grow.observe($("messages")); // the reply keyboard or the reply bar took room
    $("messages").addEventListener("scroll", () => {
      // At the end, or not moved up from where the page put it (the list may have grown since).
      const scroller = $("messages");
      const nearEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
      S.atBottom = nearEnd || scroller.scrollTop >= (S.autoTop || 0) - 2;
    }, { passive: true });
    $("keyboard-toggle").addEventListener("click", () => {
      S.keyboardHidden = !S.keyboardHidden;
      renderReplyKeyboard();
    });
    $("pinned").addEventListener("click", () => {
      const pinned = $("pinned");
      const open = !pinned.classList.contains("open");
      pinned.classList.toggle("open", open);
      pinned.setAttribute("aria-expanded", open ? "true" : "false");
    });
    $("member-select").addEventListener("change", (event) => {
      S.members[S.active] = Number(event.target.value);
      startChatLoop(true); // this member's votes and command menu
    });
    $("time-machine").addEventListener("click", (event) => {
      event.stopPropagation();
      toggleTimeSteps();
    });
    for (const step of document.querySelectorAll('[data-testid="time-step"]')) {
      step.addEventListener("click", () => moveClock(Number(step.dataset.seconds), step.textContent));
    }
    $("reset").addEventListener("click", () => startOver());
    $("lightbox").addEventListener("click", () => {
      $("lightbox").hidden = true;
    });
    document.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      if (S.menuOpen && !target.closest("#command-menu") && !target.closest("#commands-button")) closeCommandMenu();
      if (!$("time-steps").hidden && !target.closest("#time-steps")) toggleTimeSteps(false);
      const command = target.closest(".cmd-link");
      if (command) sendText(command.dataset.command).catch(pageError);
      const spoiler = target.closest(".spoiler");
      if (spoiler) spoiler.classList.add("revealed");
      const link = target.closest("a[href]");
      if (link) {
        const payload = deepLink(link.getAttribute("href"));
        if (payload) {
          event.preventDefault();
          followDeepLink(payload);
        }
      }
    });
    document.addEventListener("keydown", (event) => {
      const command = event.target instanceof Element ? event.target.closest(".cmd-link") : null;
      if (command && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        sendText(command.dataset.command).catch(pageError);
      }
      if (event.key !== "Escape") return;
      closeLocationPicker();
      closeAlert();
      toggleTimeSteps(false);
      $("lightbox").hidden = true;
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && pickerSubmit && event.target instanceof HTMLInputElement &&
          event.target.closest("#location-modal")) {
        event.preventDefault();
        pickerSubmit.click();
      }
    });
    window.addEventListener("hashchange", () => {
      const wanted = decodeURIComponent(location.hash.slice(1));
      if (wanted !== S.active && persona(wanted)) selectPersona(wanted);
    });
  }

  wire();
  renderMachine();
  pollState();
  pollOthers();
})();
