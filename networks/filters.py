import django_filters
from django.utils.translation import gettext_lazy as _

from networks.models import Edition, Network


class NetworkFilter(django_filters.FilterSet):
    edition = django_filters.ModelChoiceFilter(
        queryset=Edition.objects.all(), label=_("Edition"), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        choices=Network.Status.choices, label=_("Status"), empty_label=_("All")
    )

    class Meta:
        model = Network
        fields = ["edition", "status"]
