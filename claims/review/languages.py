"""The interface language a desk user chose: kept on their profile, applied on every page after login.

Anonymous visitors and the browser's Accept-Language are LocaleMiddleware's; this module adds the
signed-in user's own choice. Choosing a language through Django's `set_language` view (the switcher
in every page's header) saves it on the profile; logging in brings it back, whatever the browser says.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from ..models import ReviewerProfile

SESSION_KEY = "reviewer_language"


def reviewer_language(user) -> str:
    """The language this user chose, or "" if none (the browser's then)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return ReviewerProfile.objects.filter(user=user).values_list("language", flat=True).first() or ""


def reviewer_language_set(*, user, language: str) -> ReviewerProfile:
    """Remember the user's choice of interface language."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Not a language of the interface: {language!r}")
    profile, _created = ReviewerProfile.objects.update_or_create(user=user, defaults={"language": language})
    return profile


@receiver(user_logged_in, dispatch_uid="claims.review.languages.on_login")
def _on_login(sender, request, user, **kwargs) -> None:
    language = reviewer_language(user)
    if request is not None and hasattr(request, "session") and language:
        request.session[SESSION_KEY] = language


class ReviewerLanguageMiddleware:
    """After authentication: a signed-in user's chosen language wins over the browser's; a new choice is saved.

    The choice rides in the session from login on (no query per page) and in the language cookie,
    so the public pages keep it after logout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        chosen = session.get(SESSION_KEY, "") if session is not None else ""
        if chosen in dict(settings.LANGUAGES) and chosen != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        user = getattr(request, "user", None)
        cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie is not None and cookie.value in dict(settings.LANGUAGES):
            # The switcher (Django's set_language view) just set a language.
            if user is not None and user.is_authenticated:
                reviewer_language_set(user=user, language=cookie.value)
                # The session is flushed on logout and cycled on login; after set_language it may be gone.
                if getattr(request, "session", None) is not None:
                    request.session[SESSION_KEY] = cookie.value
        elif chosen and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
