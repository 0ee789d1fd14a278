from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Services send tasks by name (claims.dispatch); every process that sends them, the web
        # server included, needs them registered, not only the workers that autodiscover them.
        from . import checks, tasks  # noqa: F401

        # The dashboard's totals follow every write; a reviewer's chosen language comes back on login.
        from .review import languages, summaries  # noqa: F401
