#!/usr/bin/env bash
# Build the bot's image and check it end to end against the fake Telegram server (fake_telegram):
# start-up, health, an answer to /start, a backup, the non-root user, SIGTERM, a restart on the same volume.
#
#   deploy/check-image.sh
#   BASE=registry.example.ru/library/python:3.11-slim-bookworm CACERT=/etc/ssl/certs/ca-certificates.crt deploy/check-image.sh
#
# Settings (environment):
#   ENGINE  podman or docker (default: podman if installed, else docker)
#   BASE    the Python base image (default python:3.11-slim-bookworm)
#   CACERT  a CA bundle for pip behind a TLS-intercepting proxy, passed as the build secret "cacert" (optional)
#   IMAGE   the tag to build (default tochka-ideas-bot:check; podman stores it as localhost/…)
#   PYTHON  the Python that runs the fake server (default: .venv/bin/python, set up by scripts/venv)
#   NO_CACHE=1  build without the engine's layer cache (a true build time)
#   NO_BUILD=1  check an IMAGE built before instead of building it
# Needs Linux (the container uses --network=host to reach the fake server on 127.0.0.1).
# Prints one "ok: …" or "FAILED: …" line per check and the measured figures; exits 1 if any check failed.
# "test && ok … || failed …" is meant: ok only prints.
# shellcheck disable=SC2015
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
BASE=${BASE:-python:3.11-slim-bookworm}
CACERT=${CACERT:-}
IMAGE=${IMAGE:-tochka-ideas-bot:check}
TOKEN=123456:TEST
READY_LINE="bot @ideas_bot started"
RUN_ID="tib-check-$$"
CONTAINER="$RUN_ID"
VOLUME="$RUN_ID-data"
EARLY="$RUN_ID-early"
if [ -z "${ENGINE:-}" ]; then
    if command -v podman >/dev/null 2>&1; then ENGINE=podman
    elif command -v docker >/dev/null 2>&1; then ENGINE=docker
    else echo "FAILED: neither podman nor docker is installed"; exit 1
    fi
fi
E=$ENGINE
WORK=$(mktemp -d "${TMPDIR:-/tmp}/check-image.XXXXXX")
FAKE_PID=""
failures=0

ok() { echo "ok: $*"; }
failed() { echo "FAILED: $*"; failures=$((failures + 1)); }
figure() { echo "figure: $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
die() { failed "$*"; echo "result: FAILED (stopped early; logs in $WORK)"; exit 1; }

# Engine chatter (podman without systemd complains about health-check timers) goes to a file, not the report;
# commands whose output is checked call "$E" directly.
eng() { "$E" "$@" 2>>"$WORK/engine.log"; }

cleanup() {
    local code=$?
    "$E" rm -f -v "$CONTAINER" "$EARLY" >/dev/null 2>&1
    "$E" volume rm -f "$VOLUME" >/dev/null 2>&1
    if [ -n "$FAKE_PID" ] && kill -0 "$FAKE_PID" 2>/dev/null; then
        kill "$FAKE_PID" 2>/dev/null
        wait "$FAKE_PID" 2>/dev/null
    fi
    case "$code" in 130 | 141 | 143) echo "result: interrupted (logs in $WORK)" ;; esac
    if [ "$failures" -eq 0 ] && [ "$code" -eq 0 ]; then rm -rf "$WORK"; fi
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 141' PIPE

echo "engine: $E ($("$E" --version 2>/dev/null | head -n1)); base: $BASE; image: $IMAGE; logs: $WORK"
"$E" info >/dev/null 2>&1 || die "$E cannot reach its engine ($E info fails)"

if [ -n "${PYTHON:-}" ]; then
    PY=$PYTHON
else
    ./scripts/venv run >/dev/null 2>"$WORK/venv.log" || die "scripts/venv run failed (see $WORK/venv.log)"
    PY=$ROOT/.venv/bin/python
fi

# ---------------------------------------------------------------- build
if [ "${NO_BUILD:-}" = 1 ]; then
    eng image inspect "$IMAGE" >/dev/null || die "NO_BUILD=1 but there is no image $IMAGE"
    ok "using the image built before: $IMAGE"
else
    build=("$E" build --build-arg "BASE=$BASE" -t "$IMAGE")
    # podman's default OCI format drops HEALTHCHECK; the docker format keeps it.
    [ "$E" = podman ] && build+=(--format docker)
    [ "${NO_CACHE:-}" = 1 ] && build+=(--no-cache)
    [ "$E" = docker ] && export DOCKER_BUILDKIT=1   # RUN --mount=type=secret needs BuildKit
    if [ -n "$CACERT" ]; then
        [ -r "$CACERT" ] || die "CACERT=$CACERT is not a readable file"
        build+=(--secret "id=cacert,src=$CACERT")
    fi
    start=$(now)
    if "${build[@]}" . >"$WORK/build.log" 2>&1; then
        build_seconds=$(since "$start")
        ok "image built: $IMAGE"
        figure "build seconds: $build_seconds"
    else
        tail -n 30 "$WORK/build.log"
        die "the build failed (full log: $WORK/build.log)"
    fi
fi
size=$(eng image inspect --format '{{.Size}}' "$IMAGE")
figure "image size MB: $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1000000 }') ($size bytes)"

# ---------------------------------------------------------------- the image's settings
user=$(eng image inspect --format '{{.Config.User}}' "$IMAGE")
[ "$user" = bot ] && ok "the image runs as user bot" || failed "the image's user is '$user', not bot"
health_config=$(eng image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE")
case "$health_config" in
    *'"bot"'*'"health"'*) ok "HEALTHCHECK is in the image: $health_config" ;;
    *) failed "no HEALTHCHECK in the image ($health_config)" ;;
esac
"$E" run --rm "$IMAGE" >"$WORK/noconfig.log" 2>&1
code=$?
if [ "$code" -eq 2 ] && grep -q "BOT_TOKEN is required" "$WORK/noconfig.log"; then
    ok "without BOT_TOKEN the container exits 2 with: $(grep -m1 'Configuration error' "$WORK/noconfig.log")"
else
    failed "without BOT_TOKEN: exit code $code, output: $(tail -n 3 "$WORK/noconfig.log")"
fi

# ---------------------------------------------------------------- the fake Telegram server
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port) || die "$PY cannot run (set PYTHON=…)"
API=http://127.0.0.1:$PORT
"$PY" -m fake_telegram --host 127.0.0.1 --port "$PORT" --token "$TOKEN" >"$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 1 100); do
    grep -q '^READY' "$WORK/fake.log" && break
    kill -0 "$FAKE_PID" 2>/dev/null || break
    sleep 0.1
done
grep -q '^READY' "$WORK/fake.log" && ok "fake Telegram server: $API" || die "the fake server did not start: $(tail -n 5 "$WORK/fake.log")"

# The control API: fake_post PATH JSON, fake_get PATH?QUERY (prints the JSON answer).
fake_post() {
    "$PY" -c 'import sys, urllib.request
r = urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(r, timeout=30).read().decode())' "$API$1" "$2"
}
fake_get() { "$PY" -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=60).read().decode())' "$API$1"; }
# Number of messages in a /_fake/sent answer, and the start of the first one's text.
sent_count() { "$PY" -c 'import json, sys; print(len(json.loads(sys.stdin.read() or "{}").get("messages", [])))'; }
sent_text() { "$PY" -c 'import json, sys; m = json.loads(sys.stdin.read()).get("messages", []); print(m[0]["text"][:60].replace("\n", " ") if m else "")'; }

logs() { "$E" logs "$1" 2>&1; }
count_in_logs() { logs "$1" | grep -c -- "$2"; }
# wait_for_count CONTAINER TEXT N SECONDS: until TEXT is in the logs N times (0 = in time).
wait_for_count() {
    local deadline
    deadline=$(awk -v t="$(now)" -v s="$4" 'BEGIN { printf "%.3f", t + s }')
    while :; do
        [ "$(count_in_logs "$1" "$2")" -ge "$3" ] && return 0
        [ "$("$E" inspect --format '{{.State.Running}}' "$1" 2>/dev/null)" = true ] || return 1
        awk -v t="$(now)" -v d="$deadline" 'BEGIN { exit !(t > d) }' && return 1
        sleep 0.1
    done
}
# wait_healthy CONTAINER SECONDS: until `python -m bot health` exits 0.
wait_healthy() {
    local _
    for _ in $(seq 1 "$2"); do
        "$E" exec "$1" python -m bot health >"$WORK/health.out" 2>&1 && return 0
        sleep 1
    done
    return 1
}
common=(--network=host -e "BOT_TOKEN=$TOKEN" -e ADMIN_IDS=1 -e POLLING_TIMEOUT=2)

# ---------------------------------------------------------------- before Telegram answers: unhealthy
dead_port=$(free_port)
eng run -d --name "$EARLY" "${common[@]}" -e "TELEGRAM_API_URL=http://127.0.0.1:$dead_port" "$IMAGE" >/dev/null \
    || die "cannot run the image (see $WORK/engine.log)"
if wait_for_count "$EARLY" "cannot reach Telegram" 1 60; then
    "$E" exec "$EARLY" python -m bot health >"$WORK/early-health.out" 2>&1
    code=$?
    if [ "$code" -ne 0 ]; then
        ok "health exits $code while Telegram is unreachable: $(head -n1 "$WORK/early-health.out")"
    else
        failed "health exits 0 although the bot never reached Telegram"
    fi
    start=$(now)
    eng stop -t 60 "$EARLY" >/dev/null
    secs=$(since "$start")
    code=$(eng inspect --format '{{.State.ExitCode}}' "$EARLY")
    [ "$code" = 0 ] && ok "SIGTERM while waiting for Telegram: exit code 0 after $secs s" \
        || failed "SIGTERM while waiting for Telegram: exit code $code after $secs s"
else
    failed "the bot did not report an unreachable Telegram: $(logs "$EARLY" | tail -n 3)"
fi
eng rm -f -v "$EARLY" >/dev/null

# ---------------------------------------------------------------- start
eng volume create "$VOLUME" >/dev/null || die "cannot create the volume $VOLUME"
eng create --name "$CONTAINER" "${common[@]}" -e "TELEGRAM_API_URL=$API" -v "$VOLUME:/data" "$IMAGE" >/dev/null \
    || die "cannot create the container (see $WORK/engine.log)"
start=$(now)
eng start "$CONTAINER" >/dev/null || die "cannot start the container (see $WORK/engine.log)"
if wait_for_count "$CONTAINER" "$READY_LINE" 1 120; then
    ready_seconds=$(since "$start")
    ok "logged \"$(logs "$CONTAINER" | grep -m1 -o -- "$READY_LINE.*")\""
    figure "start-to-ready seconds: $ready_seconds"
else
    logs "$CONTAINER" | tail -n 20
    die "no \"$READY_LINE\" in the logs"
fi
migrations=$(count_in_logs "$CONTAINER" "applying migration")
[ "$migrations" -gt 0 ] && ok "$migrations migration(s) applied on the new volume" || failed "no migration applied on a new volume"

if wait_healthy "$CONTAINER" 20; then ok "health exits 0 while polling: $(head -n1 "$WORK/health.out")"
else failed "health does not exit 0 while polling: $(head -n1 "$WORK/health.out")"
fi
if [ "$E" = podman ]; then
    eng healthcheck run "$CONTAINER" >/dev/null && ok "podman healthcheck run: healthy" || failed "podman healthcheck run: unhealthy"
fi

uid=$(eng exec "$CONTAINER" id -u)
[ "$uid" = 10001 ] && ok "runs as uid 10001 ($(eng exec "$CONTAINER" id))" || failed "runs as uid '$uid', not 10001"
owner=$(eng exec "$CONTAINER" stat -c %u /data)
[ "$owner" = 10001 ] && ok "/data in the volume belongs to uid 10001" || failed "/data belongs to uid $owner"
if eng exec "$CONTAINER" sh -c 'touch /app/bot/.probe' >/dev/null 2>&1; then
    failed "the bot's user can write to /app/bot"
else
    ok "the code in /app is read-only for the bot's user"
fi

# ---------------------------------------------------------------- a resident writes /start
fake_post /_fake/message '{"user_id": 5001, "first_name": "Anna", "language_code": "ru", "text": "/start"}' >"$WORK/post.out" 2>&1 \
    || failed "the fake server refused the message: $(cat "$WORK/post.out")"
answer=$(fake_get "/_fake/sent?chat_id=5001&timeout=15" 2>&1)
n=$(printf '%s' "$answer" | sent_count 2>/dev/null || echo 0)
if [ "${n:-0}" -gt 0 ]; then
    ok "/start from user 5001 answered with $n message(s): \"$(printf '%s' "$answer" | sent_text)…\""
else
    failed "no answer to /start within 15 s: $(printf '%s' "$answer" | head -c 300)"
fi

# ---------------------------------------------------------------- backup
if "$E" exec "$CONTAINER" python -m bot backup >"$WORK/backup.out" 2>&1; then
    file=$(grep -o '/data/backups/[^ ]*' "$WORK/backup.out" | head -n1)
    if [ -n "$file" ] && eng exec "$CONTAINER" test -s "$file"; then
        ok "python -m bot backup: $(cat "$WORK/backup.out")"
    else
        failed "backup said \"$(cat "$WORK/backup.out")\" but wrote no file in /data/backups"
    fi
else
    failed "python -m bot backup: $(cat "$WORK/backup.out")"
fi

# ---------------------------------------------------------------- SIGTERM
start=$(now)
eng stop -t 60 "$CONTAINER" >/dev/null
stop_seconds=$(since "$start")
exit_code=$(eng inspect --format '{{.State.ExitCode}}' "$CONTAINER")
figure "stop seconds: $stop_seconds"
figure "exit code: $exit_code"
[ "$exit_code" = 0 ] && ok "$E stop (SIGTERM): exit code 0 in $stop_seconds s" \
    || failed "stop (SIGTERM): exit code $exit_code in $stop_seconds s (137 = killed after the grace period)"
logs "$CONTAINER" | grep -q "bot stopped" && ok "logged \"bot stopped\"" || failed "no \"bot stopped\" in the logs"

# ---------------------------------------------------------------- restart on the same volume
start=$(now)
eng start "$CONTAINER" >/dev/null || die "cannot start the container again (see $WORK/engine.log)"
if wait_for_count "$CONTAINER" "$READY_LINE" 2 120; then
    restart_seconds=$(since "$start")
    ok "started again on the same volume"
    figure "restart-to-ready seconds: $restart_seconds"
else
    logs "$CONTAINER" | tail -n 20
    failed "no second \"$READY_LINE\" after the restart"
fi
again=$(count_in_logs "$CONTAINER" "applying migration")
[ "$again" = "$migrations" ] && ok "no migration re-applied at the restart" \
    || failed "migrations re-applied at the restart ($migrations before, $again after)"
if wait_healthy "$CONTAINER" 20; then ok "health exits 0 after the restart"
else failed "health does not exit 0 after the restart: $(head -n1 "$WORK/health.out")"
fi
seen=$(fake_get "/_fake/sent?chat_id=5001" 2>/dev/null | sent_count 2>/dev/null || echo 0)
fake_post /_fake/message '{"user_id": 5001, "first_name": "Anna", "language_code": "ru", "text": "/help"}' >/dev/null 2>&1
answer=$(fake_get "/_fake/sent?chat_id=5001&after_index=$((seen - 1))&timeout=15" 2>&1)
n=$(printf '%s' "$answer" | sent_count 2>/dev/null || echo 0)
[ "${n:-0}" -gt 0 ] && ok "answers after the restart: \"$(printf '%s' "$answer" | sent_text)…\"" \
    || failed "no answer to /help after the restart"
eng stop -t 60 "$CONTAINER" >/dev/null
code=$(eng inspect --format '{{.State.ExitCode}}' "$CONTAINER")
[ "$code" = 0 ] && ok "second stop: exit code 0" || failed "second stop: exit code $code"

# ---------------------------------------------------------------- summary
echo "summary: build ${build_seconds:-–} s, image $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1000000 }') MB," \
    "start-to-ready ${ready_seconds:-–} s, restart-to-ready ${restart_seconds:-–} s, stop ${stop_seconds:-–} s, exit code ${exit_code:-–}"
if [ "$failures" -gt 0 ]; then
    echo "result: FAILED ($failures check(s); logs in $WORK)"
    exit 1
fi
echo "result: all checks passed"
