import django_filters
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from materials.models import Material
from materials.selectors import networks_with_materials
from networks.models import Network


def _networks(request: HttpRequest | None) -> QuerySet[Network]:
    if request is None:
        return Network.objects.none()
    return networks_with_materials(user=request.user)


class MaterialFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains", label=_("Title"))
    language = django_filters.ChoiceFilter(
        choices=Material.Language.choices, label=_("Language"), empty_label=_("All")
    )
    # Only networks with materials the person may see: never every network, and
    # never a hint that another network has private ones.
    network = django_filters.ModelChoiceFilter(
        queryset=_networks,
        label=_("Network"),
        empty_label=_("All"),
        null_label=_("The programme's documents"),
    )

    class Meta:
        model = Material
        fields = ["title", "language", "network"]
