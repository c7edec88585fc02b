import datetime

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import RESIDENT_ACTIONS, AuditEvent
from core.forms import DateInput, PortalForm


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
        method="filter_subject",
        label=_("Person concerned (e-mail)"),
    )
    # Days become ranges of created_at (midnight to midnight, Polish time), not a
    # date cast of every row: the index on created_at then finds them.
    since = django_filters.DateFilter(
        field_name="created_at",
        method="filter_since",
        label=_("From"),
        widget=DateInput(),
    )
    until = django_filters.DateFilter(
        field_name="created_at",
        method="filter_until",
        label=_("To"),
        widget=DateInput(),
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []
        form = PortalForm

    def filter_subject(
        self, queryset: QuerySet[AuditEvent], name: str, value: str
    ) -> QuerySet[AuditEvent]:
        # An LP member's e-mail that an older row still holds is not searchable.
        return queryset.filter(subject_email__icontains=value).exclude(
            action__in=RESIDENT_ACTIONS
        )

    def filter_since(
        self, queryset: QuerySet[AuditEvent], name: str, value: datetime.date
    ) -> QuerySet[AuditEvent]:
        return queryset.filter(created_at__gte=_midnight(value))

    def filter_until(
        self, queryset: QuerySet[AuditEvent], name: str, value: datetime.date
    ) -> QuerySet[AuditEvent]:
        return queryset.filter(
            created_at__lt=_midnight(value + datetime.timedelta(days=1))
        )


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
