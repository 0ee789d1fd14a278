"""Create the first admin login with a generated password, printed once."""

from __future__ import annotations

import os
import secrets
import shlex
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a superuser with a random password and print it; do nothing if the user exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The admin login '{username}' exists already. "
                f"Set a new password with: {manage_py_command('changepassword', username)}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Admin login created. Username: {username}  Password: {password}"))
        self.stdout.write("The password is shown only this once.")


def manage_py_command(*args: str) -> str:
    """The command line that runs manage.py with this very interpreter, typed from the current directory.

    It names the virtualenv's python (``.venv/bin/python manage.py ...``), so it works
    whether or not the virtualenv is activated.
    """
    return shlex.join([_as_typed(Path(sys.executable)), _as_typed(Path(settings.BASE_DIR) / "manage.py"), *args])


def _as_typed(path: Path) -> str:
    """A path relative to the current directory when it lies inside it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)
