"""Integration tests run against real PostgreSQL, Redis and Celery worker processes.

On a machine without those services they skip with the reason; in CI (CI=true) a
missing service is a failure, never a skip. Each test gets queues of its own, so
no other worker on the machine takes its tasks, and drives the app the way an
operator does: `manage.py` and `celery worker` subprocesses on the test database.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "var" / "test-logs"


def _missing_services() -> str | None:
    if connection.vendor != "postgresql":
        return "DATABASE_URL does not point at PostgreSQL"
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        return "REDIS_URL (or CELERY_BROKER_URL) does not point at Redis"
    import redis

    try:
        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis at {settings.CELERY_BROKER_URL} does not answer: {exc}"
    return None


def need(reason: str | None) -> None:
    if reason:
        message = f"integration test needs real services: {reason}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class Stack:
    """Environment and processes for one test: workers and commands on the test database."""

    def __init__(self, broker_url: str):
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        host = db["HOST"] or "127.0.0.1"
        self.prefix = f"factcheck-test-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": broker_url,
            "CELERY_QUEUE_PREFIX": self.prefix,
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "PYTHONUNBUFFERED": "1",
        }
        self.workers: list[subprocess.Popen] = []
        LOGS.mkdir(parents=True, exist_ok=True)

    @property
    def fetch_queue(self) -> str:
        return f"{self.prefix}.fetch"

    @property
    def extract_queue(self) -> str:
        return f"{self.prefix}.extract"

    def start_worker(self, name="w1", *, queues=None, app="factcheck", concurrency=1, env=None):
        log = (LOGS / f"{self.prefix}-{name}.log").open("w")
        queues = queues or [self.prefix, self.fetch_queue, self.extract_queue]
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                app,
                "worker",
                "--loglevel",
                "INFO",
                "--queues",
                ",".join(queues),
                "--concurrency",
                str(concurrency),
                "--hostname",
                f"{name}@{self.prefix}",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_path = log.name
        self.workers.append(process)
        return process

    def manage(self, *args, env=None, check=True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def logs(self) -> str:
        return "\n".join(
            f"--- {Path(w.log_path).name} ---\n{Path(w.log_path).read_text()[-3000:]}" for w in self.workers
        )

    def stop(self, process, sig=signal.SIGTERM) -> None:
        if process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self) -> None:
        for process in self.workers:
            self.stop(process)


@pytest.fixture
def stack(transactional_db):
    need(_missing_services())
    stack = Stack(settings.CELERY_BROKER_URL)
    yield stack
    stack.stop_all()


class PrivateRedis:
    """A Redis server of the test's own, so stopping it touches nothing else on the machine."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, timeout=10, what="the private Redis to start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False


@pytest.fixture
def private_redis(stack):
    need(None if shutil.which("redis-server") else "redis-server is not installed")
    server = PrivateRedis()
    server.start()
    stack.env["CELERY_BROKER_URL"] = server.url
    yield server
    stack.stop_all()
    server.stop()


def wait_for(condition, *, timeout: float, what: str, stack: Stack | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{stack.logs() if stack else ''}")
