"""Where the portal's account pages differ from allauth's (mounted before allauth's
own under the same names, so that these answer)."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("password/change/", views.password_change, name="account_change_password"),
]
