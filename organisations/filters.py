import django_filters
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, Voivodeship

PUBLIC_KINDS = [
    choice
    for choice in Organisation.Kind.choices
    if choice[0] not in (Organisation.Kind.MINISTRY, Organisation.Kind.EXPERT_BODY)
]


class OrganisationFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name"))
    voivodeship = django_filters.ChoiceFilter(
        choices=Voivodeship.choices, label=_("Voivodeship"), empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        choices=PUBLIC_KINDS, label=_("Kind"), empty_label=_("All")
    )

    class Meta:
        model = Organisation
        fields = ["name", "voivodeship", "kind"]
