"""Consult: consultation rounds for Dutch regional social-domain policy."""

from __future__ import annotations

import importlib
import importlib.util
import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from consult.config import (
    DefaultConfig,
    apply_environment,
    apply_production,
    load_secret_key,
)
from consult.extensions import csrf, limiter, login_manager, migrate
from consult.logging import install_log_scrubbing
from consult.ops import ratelimits  # registers the consult-sqlite:// storage with limits

ROOT = Path(__file__).resolve().parent.parent

# Feature packages: each has ``bp`` in __init__, routes in views (and maybe
# more *views modules), and optionally COMMANDS in cli.
FEATURES = {
    "consult.core": ("views",),
    "consult.auth": ("sessions", "views", "totp_views", "membership_views"),
    "consult.regions": ("views", "staff_views"),
    "consult.rounds": ("views",),
    "consult.participate": ("views",),
    "consult.groupsession": ("views",),
    "consult.themes": ("views", "review_views", "theme_views"),
    "consult.insight": ("views",),
    "consult.privacy": ("views",),
    "consult.ops": (),
    "consult.intake": ("views", "import_views"),
    "consult.exports": ("views",),
    "consult.api": ("views", "profile_views", "tracker_views"),
    "consult.feedback": ("views",),
    "consult.implementation": ("views", "status_views", "public_views", "export_views"),
    "consult.safeguarding": ("views",),
    "consult.regionpage": ("views", "staff_views"),
    "consult.demo": (),
}


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then instance/config.py, then the environment."""
    install_log_scrubbing()
    app = Flask(
        __name__,
        instance_path=os.environ.get("CONSULT_INSTANCE_PATH", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
        instance_relative_config=True,
    )
    app.config.from_object(DefaultConfig)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + str(
        Path(app.instance_path) / "consult.sqlite"
    )
    app.config.from_pyfile("config.py", silent=True)
    apply_environment(app.config)
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)
    apply_production(app.config)
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = (app.config.get("REDIS_URL")
                                               or ratelimits.storage_uri(app.instance_path))
    if app.config.get("PROXY_FIX"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    _init_extensions(app)
    for name, view_modules in FEATURES.items():
        _register_feature(app, name, view_modules)
    return app


def _register_feature(app: Flask, name: str, view_modules: tuple[str, ...]) -> None:
    package = importlib.import_module(name)
    for module in view_modules:
        importlib.import_module(f"{name}.{module}")
    if hasattr(package, "bp"):
        app.register_blueprint(package.bp)
    if importlib.util.find_spec(f"{name}.cli") is not None:
        for command in importlib.import_module(f"{name}.cli").COMMANDS:
            app.cli.add_command(command)


def _init_extensions(app: Flask) -> None:
    from consult import models  # noqa: F401  (register every table on the metadata)
    from consult.db import db
    from consult.errors import register_error_handlers
    from consult.security import register_security_headers
    from consult.templating import register_template_helpers

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_template_helpers(app)
