import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, PortalForm, PortalModelForm
from partnerships.clauses import ClauseDraft
from partnerships.models import (
    ConsentClause,
    LocalPartnership,
    ParticipationActivity,
    PartnershipMember,
    Sector,
)
from partnerships.services import MemberDraft

# The programme started with the 2017 pilot; earlier dates are typing mistakes.
EARLIEST_JOIN = datetime.date(2017, 1, 1)


class PartnershipForm(PortalModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LocalPartnership
        fields = [
            "name",
            "formula",
            "goals",
            "working_rules",
            "is_public",
            "data_contact",
        ]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4}),
            "working_rules": forms.Textarea(attrs={"rows": 4}),
            "data_contact": forms.Textarea(attrs={"rows": 3}),
        }


class MemberForm(PortalModelForm):
    """One member, as typed by the city or read from one row of an import."""

    consent = forms.BooleanField(
        label=_("The member has read the information clause and agreed"),
        required=True,
    )

    class Meta:
        model = PartnershipMember
        fields = [
            "kind",
            "name",
            "organisation_name",
            "sector",
            "role",
            "email",
            "phone",
            "joined_on",
        ]
        widgets = {"joined_on": DateInput()}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["joined_on"].initial = timezone.localdate

    def clean_joined_on(self) -> datetime.date:
        joined: datetime.date = self.cleaned_data["joined_on"]
        if not EARLIEST_JOIN <= joined <= timezone.localdate():
            raise forms.ValidationError(
                _("Give a date between %(earliest)s and today.")
                % {"earliest": EARLIEST_JOIN.isoformat()}
            )
        return joined

    def draft(self) -> MemberDraft:
        data = self.cleaned_data
        return MemberDraft(
            kind=data["kind"],
            name=data["name"],
            organisation_name=data["organisation_name"],
            sector=data["sector"],
            role=data["role"],
            email=data["email"],
            phone=data["phone"],
            joined_on=data["joined_on"],
        )


class JoinForm(PortalForm):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    organisation_name = forms.CharField(
        label=_("Organisation (if you represent one)"), max_length=200, required=False
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    motivation = forms.CharField(
        label=_("Why you want to join"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    consent = forms.BooleanField(
        label=_("I have read the information clause above and agree"), required=True
    )
    # The number of the clause version the person was shown: the request records
    # it, and is refused if another version took effect meanwhile.
    clause = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EndForm(PortalForm):
    """The day a Local Partnership ended (the service checks it against the LP)."""

    ended_on = forms.DateField(
        label=_("Ended on"),
        widget=DateInput(),
        help_text=_("Not in the future, and not before the LP was formed."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["ended_on"].initial = timezone.localdate

    def clean_ended_on(self) -> datetime.date:
        ended: datetime.date = self.cleaned_data["ended_on"]
        if ended > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return ended


class ClauseForm(PortalForm):
    """A new version of the information clause, part by part (RODO, art. 13)."""

    controller = forms.CharField(
        label=_("Controller"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who decides about the data: name and address."),
    )
    dpo_contact = forms.CharField(
        label=_("Data protection officer's contact"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    purposes = forms.CharField(
        label=_("Purposes of processing"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which data, and what for."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"), choices=ConsentClause.LegalBasis.choices
    )
    retention = forms.CharField(
        label=_("How long the data are kept"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rights = forms.CharField(
        label=_("The person's rights"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Access, rectification, erasure, portability, withdrawing consent, a "
            "complaint to the President of the Personal Data Protection Office."
        ),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    # A digest of the text previewed last: "Publish" sends exactly what was seen.
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)

    def draft(self) -> ClauseDraft:
        data = self.cleaned_data
        return ClauseDraft(
            controller=data["controller"],
            dpo_contact=data["dpo_contact"],
            purposes=data["purposes"],
            legal_basis=data["legal_basis"],
            retention=data["retention"],
            rights=data["rights"],
            valid_from=data["valid_from"],
        )


class ActivityForm(PortalModelForm):
    class Meta:
        model = ParticipationActivity
        fields = ["kind", "title", "held_on", "reach", "result"]
        widgets = {
            "held_on": DateInput(),
            "result": forms.Textarea(attrs={"rows": 3}),
        }
