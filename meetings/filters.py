import datetime
from typing import Any

import django_filters
from django.db.models import Q, QuerySet, Subquery
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from networks.models import Edition, Network
from networks.selectors import started_editions


def this_minute() -> datetime.datetime:
    """Now, to the minute: the filters on time give one answer (and one cached
    count) per minute, a meeting that ended within it counted as upcoming."""
    return timezone.now().replace(second=0, microsecond=0)


class MeetingFilter(django_filters.FilterSet):
    edition = django_filters.ModelChoiceFilter(
        queryset=Edition.objects.all(), label=_("Edition"), empty_label=_("All")
    )
    # Bounded: the networks of the chosen edition (the current one when none is
    # chosen) and the one asked for, not every network of every edition.
    network = django_filters.ModelChoiceFilter(
        queryset=Network.objects.none(),
        label=_("Network"),
        empty_label=_("All"),
        help_text=_("Networks of the chosen edition (the current one if none)."),
    )
    kind = django_filters.ChoiceFilter(
        choices=Meeting.Kind.choices, label=_("Kind"), empty_label=_("All")
    )
    city = django_filters.CharFilter(
        field_name="host__name", lookup_expr="icontains", label=_("City")
    )
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("upcoming")), ("past", _("past"))],
        label=_("When"),
        empty_label=_("All"),
        method="filter_when",
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, *args: Any, **kwargs: Any):
        super().__init__(data, *args, **kwargs)
        data = data or QueryDict()
        edition = data.get("edition", "")
        chosen = data.get("network", "")
        if edition.isdigit():
            networks = Q(edition_id=int(edition))
        else:
            current = started_editions().values("pk")[:1]
            networks = Q(edition_id=Subquery(current))
        if chosen.isdigit():
            networks |= Q(pk=int(chosen))
        self.filters["network"].queryset = Network.objects.filter(networks).order_by(
            "name_pl"
        )

    def moment(self) -> datetime.datetime | None:
        """The moment the filtered meetings depend on: the current minute when
        upcoming or past meetings are chosen, else None. (Call after validation.)"""
        return this_minute() if self.form.cleaned_data.get("when") else None

    def filter_when(
        self, queryset: QuerySet[Meeting], name: str, value: str
    ) -> QuerySet[Meeting]:
        now = this_minute()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now).order_by("starts_at")
        return queryset.filter(ends_at__lt=now).order_by("-starts_at")
