from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.forms import PortalForm
from core.uploads import IMAGES
from organisations.administration import OrganisationValues
from organisations.models import Membership, Organisation, Voivodeship
from organisations.permissions import MANAGED_KINDS


class InvitationForm(PortalForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=())

    def __init__(self, *args: object, roles: list[Membership.Role], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [(role.value, role.label) for role in roles]


class RoleForm(PortalForm):
    role = forms.ChoiceField(label=_("New role"), choices=Membership.Role.choices)
    expected_role = forms.ChoiceField(
        choices=Membership.Role.choices, widget=forms.HiddenInput
    )


class AcceptInvitationForm(PortalForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_again = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password and password != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        elif isinstance(password, str):
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


LOGO_ACCEPT = ",".join(f".{ext}" for kind in IMAGES for ext in kind.extensions)


def _country_choices() -> list[tuple[str, str]]:
    """Every country by its name in the page's language, Poland first."""
    others = [(country.code, country.name) for country in countries]
    return [("PL", countries.name("PL"))] + [
        choice for choice in others if choice[0] != "PL"
    ]


class OrganisationForm(PortalForm):
    """An organisation as the ministry adds or changes it. The rules between the
    fields (a voivodeship for a Polish one, none for a foreign one; the TERYT
    code) are the service's: its refusals come back to the field they are about."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind.value, kind.label) for kind in MANAGED_KINDS],
    )
    country = forms.ChoiceField(label=_("Country"), choices=())
    voivodeship = forms.ChoiceField(
        label=_("Voivodeship"),
        required=False,
        choices=[("", _("— none (outside Poland) —")), *Voivodeship.choices],
        help_text=_("Required for an organisation in Poland; empty for one abroad."),
    )
    seat = forms.CharField(label=_("Seat"), max_length=120, required=False)
    teryt = forms.CharField(
        label=_("TERYT code"),
        max_length=7,
        required=False,
        help_text=_(
            "Seven digits from GUS's TERC register: voivodeship, county, "
            "municipality and the kind of unit (e.g. 2262011 for Gdynia)."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{7}"}),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        max_digits=8,
        decimal_places=5,
        help_text=_("In degrees, e.g. 54.51889."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        max_digits=8,
        decimal_places=5,
        help_text=_("In degrees, e.g. 18.53188."),
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    logo = forms.FileField(
        label=_("Logo or coat of arms"),
        required=False,
        widget=forms.FileInput(attrs={"accept": LOGO_ACCEPT}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args: object, has_logo: bool = False, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = _country_choices()
        kinds = ", ".join(kind.extensions[0].upper() for kind in IMAGES)
        # Built per request, in the language of the person who reads it.
        self.fields["logo"].help_text = gettext(
            "Shown on the organisation's page and on the cover of its PDF "
            "documents. Accepted: %(kinds)s; at most %(limit)s. The file is checked "
            "by its content, not by its name."
        ) % {
            "kinds": kinds,
            "limit": filesizeformat(settings.ORGANISATION_LOGO_MAX_BYTES),
        }
        if not has_logo:
            del self.fields["remove_logo"]

    def values(self) -> OrganisationValues:
        data = self.cleaned_data
        return OrganisationValues(
            name=data["name"],
            kind=data["kind"],
            country=data["country"],
            voivodeship=data["voivodeship"],
            seat=data["seat"],
            teryt=data["teryt"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            website=data["website"],
        )


def organisation_initial(organisation: Organisation) -> dict[str, object]:
    """The form's values for a stored organisation."""
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "country": str(organisation.country),
        "voivodeship": organisation.voivodeship,
        "seat": organisation.seat,
        "teryt": organisation.teryt,
        "latitude": organisation.latitude,
        "longitude": organisation.longitude,
        "website": organisation.website,
    }
