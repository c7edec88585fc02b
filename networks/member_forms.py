"""The forms of a network's members page (networks/member_views.py): the next
status, the lead's hand-over, a member's end and a new member. Every form names
its date `date`; each has its own ids on the page (`auto_id`)."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, PortalForm
from networks.models import Network, NetworkMembership
from networks.workflow import ADDABLE_ROLES, StatusStep
from organisations.models import Organisation


class OrganisationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """An organisation by its name and where it is (its voivodeship, or its
    country for a foreign city), so that two of the same name differ."""

    def label_from_instance(self, obj: Any) -> str:
        organisation: Organisation = obj
        where = (
            organisation.get_voivodeship_display()
            if organisation.is_polish
            else str(organisation.country.name)  # type: ignore[attr-defined]
        )
        return f"{organisation.name} ({where})" if where else organisation.name

    def offer_by_place(self, candidates: QuerySet[Organisation]) -> None:
        """Offers `candidates` in a group per voivodeship, in the voivodeships'
        order, then per country abroad: after a full TERC import they are some
        2,500, too many for one list."""
        self.queryset = candidates
        groups: dict[tuple[int, str], tuple[str, list[tuple[int, str]]]] = {}
        for organisation in candidates:
            if organisation.is_polish:
                key = (0, organisation.voivodeship)
                label = organisation.get_voivodeship_display()
            else:
                label = str(organisation.country.name)  # type: ignore[attr-defined]
                key = (1, label)
            groups.setdefault(key, (label, []))[1].append(
                (organisation.pk, self.label_from_instance(organisation))
            )
        self.choices = [
            ("", self.empty_label),
            *(groups[key] for key in sorted(groups)),
        ]


class StatusForm(PortalForm):
    status = forms.ChoiceField(choices=Network.Status.choices, widget=forms.HiddenInput)
    date = forms.DateField(widget=DateInput)

    def __init__(self, *args: Any, step: StatusStep, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "status_%s")
        kwargs.setdefault(
            "initial", {"status": step.target, "date": timezone.localdate()}
        )
        super().__init__(*args, **kwargs)
        self.fields["date"].label = str(step.date_label)


class LeadHandoverForm(PortalForm):
    organisation = OrganisationChoice(
        queryset=Organisation.objects.none(), label=_("New lead city")
    )
    date = forms.DateField(
        label=_("First day of the new lead"),
        help_text=_("The present lead city stays a partner from that day."),
        widget=DateInput,
    )

    def __init__(
        self, *args: Any, candidates: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "lead_%s")
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        cast(OrganisationChoice, self.fields["organisation"]).queryset = candidates


class MemberEndForm(PortalForm):
    date = forms.DateField(label=_("Last day of membership"), widget=DateInput)

    def __init__(
        self, *args: Any, membership: NetworkMembership, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"end{membership.pk}_%s")
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.membership = membership


class MemberAddForm(PortalForm):
    organisation = OrganisationChoice(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    role = forms.ChoiceField(
        label=_("Role in the network"),
        choices=[(role.value, role.label) for role in ADDABLE_ROLES],
        help_text=_(
            "An observer sees the network's workspace but writes no MID of its own "
            "and does not count towards the network's partners."
        ),
    )
    date = forms.DateField(label=_("First day of membership"), widget=DateInput)

    def __init__(
        self, *args: Any, candidates: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "add_%s")
        super().__init__(*args, **kwargs)
        cast(OrganisationChoice, self.fields["organisation"]).offer_by_place(candidates)
