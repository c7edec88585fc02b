"""The Local Partnership pages served by meetings (see partnership_views): the
root URLconf adds them to the partnerships namespace, under the same paths."""

from django.urls import path

from meetings import partnership_views

urlpatterns = [
    path("<int:pk>/", partnership_views.detail, name="detail"),
    path("<int:pk>/aktywnosci/", partnership_views.activity, name="activity"),
]
