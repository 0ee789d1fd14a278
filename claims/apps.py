from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Services send tasks by name (claims.dispatch); every process that sends them, the web
        # server included, needs them registered, not only the workers that autodiscover them.
        from . import checks, tasks  # noqa: F401
        from .review import summaries  # noqa: F401 - the dashboard's totals follow every write
