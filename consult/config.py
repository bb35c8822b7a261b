"""Configuration defaults; overridden by instance/config.py, then the environment."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


class DefaultConfig:
    """Settings that hold for every deployment unless overridden."""

    # hide_parameters: SQL errors in the log must not carry participants' answers
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True, "hide_parameters": True}
    SESSION_COOKIE_NAME = "consult_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(0)
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    WTF_CSRF_TIME_LIMIT = None  # the session lifetime bounds the token already
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # None: Redis when REDIS_URL is set, else a SQLite file in instance/ that every worker
    # process on this machine shares (consult/ops/ratelimits.py). "memory://" counts per
    # process: one worker only (gunicorn.conf.py refuses more).
    RATELIMIT_STORAGE_URI: str | None = None
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_LOGIN = "10 per minute"  # per client address
    # Failed logins per account, from any address (ASVS 2.2.1: at most 100 an hour).
    RATELIMIT_LOGIN_ACCOUNT = "10 per minute; 100 per hour"
    # Per address. A group on one network (30 people on a shelter's wifi) submits together:
    # 50 within ten minutes must pass. Robots are stopped by the honeypot, the minimum fill
    # time and the one-use form token; this only caps a flood from one address.
    RATELIMIT_SUBMIT = "60 per 10 minutes; 300 per hour"
    RATELIMIT_IMPORT = "20 per hour"  # file uploads to import: each one is parsed in full
    INVITE_VALID_FOR = timedelta(days=7)
    REDIS_URL: str | None = None
    PREFERRED_URL_SCHEME = "http"
    PRODUCTION = False


ENV_KEYS = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL")


def load_secret_key(instance_path: str) -> str:
    """Read the secret key from instance/, creating it on first run."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def apply_environment(config: dict) -> None:
    """Let environment variables win over file-based settings."""
    if url := os.environ.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(url)
    if key := os.environ.get("SECRET_KEY"):
        config["SECRET_KEY"] = key
    if redis_url := os.environ.get("REDIS_URL"):
        config["REDIS_URL"] = redis_url
    if os.environ.get("CONSULT_PRODUCTION") == "1":
        config["PRODUCTION"] = True


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def apply_production(config: dict) -> None:
    """Harden cookies when served over https in production."""
    if config.get("PRODUCTION"):
        config["SESSION_COOKIE_SECURE"] = True
        config["SESSION_COOKIE_NAME"] = "__Host-consult_session"
        config["SESSION_COOKIE_PATH"] = "/"
        config["SESSION_COOKIE_DOMAIN"] = None
        config["PREFERRED_URL_SCHEME"] = "https"
