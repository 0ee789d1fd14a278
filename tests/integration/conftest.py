"""Integration tests run against real PostgreSQL, Redis and Celery worker processes.

On a machine without them they skip with the reason; in CI (CI=true) a missing
service is a failure, never a skip.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


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


@pytest.fixture
def real_services():
    reason = _missing_services()
    if reason:
        message = f"integration test needs PostgreSQL and Redis: {reason}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def celery_queue(real_services, settings):
    """A queue of this test's own, so no other worker on the machine takes its tasks."""
    name = f"factcheck-test-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_DEFAULT_QUEUE = name
    from factcheck.celery import app

    app.conf.task_default_queue = name
    app.conf.task_always_eager = False
    yield name
    app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


class Worker:
    """A `celery worker` subprocess on the test database and the test's queue."""

    def __init__(self, queue: str, name: str = "w1", concurrency: int = 1):
        db = connection.settings_dict
        database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        }
        if db.get("PASSWORD"):
            env["PGPASSWORD"] = db["PASSWORD"]
        self.log_path = ROOT / "var" / f"worker-{queue}-{name}.log"
        self.log_path.parent.mkdir(exist_ok=True)
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "factcheck",
                "worker",
                "--loglevel",
                "INFO",
                "--queues",
                queue,
                "--concurrency",
                str(concurrency),
                "--hostname",
                f"{name}@{queue}",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def start_worker(celery_queue):
    workers: list[Worker] = []

    def start(**kwargs) -> Worker:
        worker = Worker(celery_queue, **kwargs)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def wait_for(condition, *, timeout: float, what: str, worker: Worker | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    detail = f"\n--- worker log ---\n{worker.output()[-4000:]}" if worker else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {what}{detail}")
