import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from networks.models import Edition, Network


class MeetingFilter(django_filters.FilterSet):
    edition = django_filters.ModelChoiceFilter(
        queryset=Edition.objects.all(), label=_("Edition"), empty_label=_("All")
    )
    network = django_filters.ModelChoiceFilter(
        queryset=Network.objects.order_by("name_pl"),
        label=_("Network"),
        empty_label=_("All"),
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

    def filter_when(
        self, queryset: QuerySet[Meeting], name: str, value: str
    ) -> QuerySet[Meeting]:
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now).order_by("starts_at")
        return queryset.filter(ends_at__lt=now).order_by("-starts_at")
