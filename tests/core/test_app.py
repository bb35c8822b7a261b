"""App-wide behaviour: health check, headers, error pages, configuration."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from consult import create_app
from consult.auth.models import StaffSession
from consult.db import db, utcnow
from consult.regions.models import Municipality, Region


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_when_served_over_https(client):
    response = client.get("/", base_url="https://localhost")
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_dutch_404_page(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
    assert '<html lang="nl"' in response.text


def test_500_page_rolls_back_and_speaks_dutch(app, client, region, login_as):
    """A public page that fails half-way leaves nothing behind. Its error page loads the
    signed-in user only then, and that commits when it marks the staff session as seen."""
    region_id = region.id

    def broken():
        db.session.get(Region, region_id).name = "Half opgeslagen"
        db.session.add(Municipality(region_id=region_id, name="Spookdorp"))
        raise RuntimeError("boom")

    app.add_url_rule("/r/stuk", endpoint="participate.stuk", view_func=broken)
    login_as("admin")
    db.session.execute(update(StaffSession).values(last_seen_at=utcnow() - timedelta(minutes=2)))
    db.session.commit()
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/r/stuk")
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.text
    assert "Medewerker admin" in response.text  # the page did load the user
    db.session.expire_all()
    assert db.session.get(Region, region_id).name == "Zeeland-test"
    assert "Spookdorp" not in {m.name for m in db.session.get(Region, region_id).municipalities}


def test_413_for_oversized_request(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 100
    response = client.post("/inloggen", data={"email": "x" * 500, "password": "y"})
    assert response.status_code == 413
    assert "te groot" in response.text


def test_secret_key_is_generated_into_instance(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert len(first.secret_key) >= 32
    assert first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_environment_overrides_instance_config(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("SECRET_KEY = 'from-file'\nREDIS_URL = 'redis://file'\n")
    monkeypatch.setenv("CONSULT_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/d")
    app = create_app()
    assert app.secret_key == "from-env"
    assert app.config["REDIS_URL"] == "redis://file"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/d"


def test_production_config_hardens_cookie(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("CONSULT_PRODUCTION", "1")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
