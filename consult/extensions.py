"""Flask extension instances, initialised in create_app."""

from __future__ import annotations

from flask import request
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect


def client_address() -> str:
    """The client address as seen by the app (ProxyFix sets it behind a proxy)."""
    return request.remote_addr or "unknown"


login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Log in om deze pagina te zien."
login_manager.login_message_category = "info"
login_manager.session_protection = None  # server-side sessions (auth.sessions) do this job

csrf = CSRFProtect()
migrate = Migrate()
limiter = Limiter(key_func=client_address, default_limits=[])
