import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(
        choices=AuditEvent.Action.choices, label=_("What"), empty_label=_("All")
    )
    actor = django_filters.CharFilter(
        field_name="actor__email", lookup_expr="icontains", label=_("Who (e-mail)")
    )
    organisation = django_filters.CharFilter(
        field_name="organisation__name",
        lookup_expr="icontains",
        label=_("Organisation"),
    )
    subject = django_filters.CharFilter(
        field_name="subject_email",
        lookup_expr="icontains",
        label=_("Person concerned (e-mail)"),
    )
    since = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []
