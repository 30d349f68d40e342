from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirmation/<str:token>/", views.confirm, name="confirm"),
    path("desinscription/<slug:key>/", views.unsubscribe, name="unsubscribe"),
]
