"""Settings come from the environment; production settings pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DATABASE_URL": "postgres://factcheck@127.0.0.1:5432/factcheck",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_SECRET_KEY": "k7Qz3-this-is-a-long-random-production-secret-xY9wLp2mN8vR4tB6",
    "DJANGO_ALLOWED_HOSTS": "factcheck.example.org",
    "FACTCHECK_ORGANISATION_NAME": "Cek Fakta Contoh",
    "FACTCHECK_ORGANISATION_URL": "https://cekfakta.example.org",
}


def _manage(*args, env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "FACTCHECK_ENV_FILE": os.devnull, **env},
        capture_output=True,
        text=True,
    )


def _settings_value(name, env):
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    return _manage("shell", "--no-imports", "-c", code, env=env).stdout.strip()


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_warns_while_the_publishing_organisation_is_unset():
    env = {k: v for k, v in PRODUCTION.items() if not k.startswith("FACTCHECK_ORGANISATION")}
    result = _manage("check", "--deploy", env=env)
    assert result.returncode == 0, "a warning does not stop the start"
    assert "claims.W001" in result.stderr and "FACTCHECK_ORGANISATION_NAME is not set" in result.stderr
    assert "claims.W002" in result.stderr and "FACTCHECK_ORGANISATION_URL is not set" in result.stderr
    named = _manage("check", "--deploy", env={**env, "FACTCHECK_ORGANISATION_NAME": "Cek Fakta"})
    assert "claims.W001" not in named.stderr and "claims.W002" in named.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_fails_loudly():
    result = _manage("check", env={**PRODUCTION, "DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false, not 'maybe'" in result.stderr


def test_nothing_configured_runs_embedded_with_in_process_tasks(tmp_path):
    env = {"FACTCHECK_VAR_DIR": str(tmp_path)}
    assert _settings_value("CELERY_TASK_ALWAYS_EAGER", env) == "True"
    assert _settings_value("DATABASES['default']['ENGINE']", env) == "'django.db.backends.sqlite3'"
    assert (tmp_path).is_dir()


def test_a_broker_url_sends_tasks_through_it():
    assert _settings_value("CELERY_TASK_ALWAYS_EAGER", PRODUCTION) == "False"
    assert _settings_value("CELERY_BROKER_URL", PRODUCTION) == "'redis://127.0.0.1:6379/0'"
    timeout = _settings_value("CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout']", PRODUCTION)
    assert int(timeout) > int(_settings_value("CELERY_TASK_TIME_LIMIT", PRODUCTION))


def test_a_dotenv_file_fills_in_what_the_environment_does_not_set(tmp_path):
    env_file = tmp_path / "factcheck.env"
    env_file.write_text("FACTCHECK_ORGANISATION_NAME=Cek Fakta Contoh\nFACTCHECK_FEED_SIZE=7\n")
    env = {"FACTCHECK_ENV_FILE": str(env_file), "FACTCHECK_VAR_DIR": str(tmp_path)}
    assert _settings_value("FACTCHECK_ORGANISATION_NAME", env) == "'Cek Fakta Contoh'"
    assert _settings_value("FACTCHECK_FEED_SIZE", {**env, "FACTCHECK_FEED_SIZE": "3"}) == "3"


def test_the_embedded_mode_loads_an_article_without_broker_warnings(tmp_path):
    # The organisation set, so that the only warnings that could show are the broker's.
    organisation = {k: v for k, v in PRODUCTION.items() if k.startswith("FACTCHECK_ORGANISATION")}
    env = {"FACTCHECK_VAR_DIR": str(tmp_path), **organisation}
    assert _manage("migrate", "--noinput", "-v0", env=env).returncode == 0
    sample = ROOT / "claims" / "fixtures" / "tribunnews-hamas-rusia.txt"
    result = _manage("ingest", str(sample), "--lang", "id", "--published", "2025-02-04", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 extracted" in result.stdout
    assert result.stderr == "", result.stderr
