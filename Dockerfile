# The bot's image: slim Python 3.11, exactly the locked dependencies, a non-root user, the database in a volume.
#
#   docker build -t tochka-ideas-bot .            (or: docker compose build)
#   podman build --format docker -t tochka-ideas-bot .   (podman's default OCI format drops the HEALTHCHECK)
#
# BASE can point at a mirror of the Python image where Docker Hub is out of reach:
#   docker build --build-arg BASE=registry.example.ru/library/python:3.11-slim-bookworm .
# Behind a TLS-intercepting proxy, give pip that proxy's CA bundle as a build secret:
#   docker build --secret id=cacert,src=/etc/ssl/certs/ca-certificates.crt .
# deploy/check-image.sh builds it and checks it end to end.
ARG BASE=python:3.11-slim-bookworm
FROM ${BASE}

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    DATABASE_PATH=/data/bot.sqlite3

WORKDIR /app
COPY requirements-build.lock requirements.lock ./
# The build tools first (font-roboto is published as source only), then everything, all with their hashes.
RUN --mount=type=secret,id=cacert,required=false \
    python3 -m venv /opt/venv \
 && if [ -s /run/secrets/cacert ]; then export PIP_CERT=/run/secrets/cacert; fi \
 && pip install --no-cache-dir --disable-pip-version-check --require-hashes --no-deps -r requirements-build.lock \
 && pip install --no-cache-dir --disable-pip-version-check --require-hashes --no-deps --no-build-isolation \
        -r requirements.lock

COPY bot ./bot
COPY locales ./locales
# Compiled once here: the bot's user cannot write to /app, and imports start faster.
RUN python -m compileall -q bot \
 && groupadd --system --gid 10001 bot \
 && useradd --system --uid 10001 --gid bot --home-dir /data --no-create-home --shell /usr/sbin/nologin bot \
 && mkdir -p /data \
 && chown bot:bot /data

USER bot
VOLUME ["/data"]
STOPSIGNAL SIGTERM
# Healthy only while the bot talks to Telegram (see README, "Health").
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["python", "-m", "bot", "health"]
CMD ["python", "-m", "bot"]
