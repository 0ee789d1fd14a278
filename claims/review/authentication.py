"""Logins locked out by django-axes: the page the login form answers with, and basic auth for the API."""

from __future__ import annotations

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from rest_framework import authentication, exceptions, status


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Too many failed logins for this account from this address: logins are refused for %(minutes)d minute "
        "after the last attempt, even with the right password.",
        "Too many failed logins for this account from this address: logins are refused for %(minutes)d minutes "
        "after the last attempt, even with the right password.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None) -> TemplateResponse:
    """The page a locked-out login form answers with (django-axes' AXES_LOCKOUT_CALLABLE)."""
    context = {"message": lockout_message(), "failure_limit": settings.AXES_FAILURE_LIMIT}
    return TemplateResponse(request, "claims/review/locked_out.html", context, status=429).render()


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"


class BasicAuthentication(authentication.BasicAuthentication):
    """DRF's basic auth, counted by django-axes: a locked-out login answers 429 with the reason."""

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            if getattr(request, "axes_locked_out", False):
                raise LockedOut(lockout_message()) from None
            raise
