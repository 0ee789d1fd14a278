from django.urls import path

from . import public

app_name = "factchecks"

urlpatterns = [
    path("", public.published_list, name="list"),
    path("<int:pk>/", public.published_claim, name="claim"),
]
