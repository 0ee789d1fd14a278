from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("claims/<int:pk>/", views.claim_page, name="claim"),
    # Before the steps' pattern, which would take "notes" for a step's name.
    path("claims/<int:pk>/notes/", views.claim_note, name="note"),
    path("claims/<int:pk>/<slug:action>/", views.claim_act, name="act"),
]
