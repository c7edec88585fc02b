from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import DateTimeInput, PortalForm, PortalModelForm
from core.uploads import DOCUMENTS, IMAGES, PRESENTATIONS, FileKind, validate_upload
from meetings.models import AgendaItem, Meeting
from meetings.services import AgendaDraft, MeetingDraft
from organisations.models import Organisation
from partnerships.models import PartnershipMember, Sector

ATTACHMENT_KINDS = DOCUMENTS + PRESENTATIONS + IMAGES
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


class MeetingForm(PortalModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    online_link = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "description",
            "host",
            "starts_at",
            "ends_at",
            "mode",
            "place",
            "online_link",
            "is_public",
            "registration_limit",
            "registration_deadline",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "starts_at": _("Polish time (Europe/Warsaw)."),
            "registration_limit": _("Leave empty for no limit."),
        }

    def __init__(
        self, *args: Any, hosts: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        host = cast(forms.ModelChoiceField, self.fields["host"])
        host.queryset = hosts
        host.empty_label = None
        for name in ("starts_at", "ends_at", "registration_deadline"):
            field = cast(forms.DateTimeField, self.fields[name])
            field.input_formats = ["%Y-%m-%dT%H:%M"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        deadline = cleaned.get("registration_deadline")
        if starts and deadline and deadline > starts:
            self.add_error(
                "registration_deadline",
                _("Registration must close before the meeting starts."),
            )
        mode = cleaned.get("mode")
        if mode in (Meeting.Mode.ONLINE, Meeting.Mode.HYBRID) and not cleaned.get(
            "online_link"
        ):
            self.add_error("online_link", _("Give the link for online participants."))
        if mode in (Meeting.Mode.IN_PERSON, Meeting.Mode.HYBRID) and not cleaned.get(
            "place"
        ):
            self.add_error("place", _("Give the place of the meeting."))
        return cleaned

    def draft(self, agenda: tuple[AgendaDraft, ...]) -> MeetingDraft:
        data = self.cleaned_data
        return MeetingDraft(
            title=data["title"],
            description=data["description"],
            host_id=data["host"].pk,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            mode=data["mode"],
            place=data["place"],
            online_link=data["online_link"],
            is_public=data["is_public"],
            registration_limit=data["registration_limit"],
            registration_deadline=data["registration_deadline"],
            agenda=agenda,
        )


class BaseAgendaFormSet(forms.BaseFormSet):
    """The agenda's points: one empty row to fill (the page's "Add a point" button,
    static/js/formset.js, adds more), and a box on each to take it off."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this point")


class AgendaItemForm(PortalModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "duration_minutes", "presenter"]


AgendaFormSet = forms.formset_factory(
    AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=1,
    can_delete=True,
    max_num=40,
    validate_max=True,
)


def agenda_from(formset: Any) -> tuple[AgendaDraft, ...]:
    return tuple(
        AgendaDraft(
            title=form.cleaned_data["title"],
            duration_minutes=form.cleaned_data["duration_minutes"],
            presenter=form.cleaned_data.get("presenter", ""),
        )
        for form in formset.forms
        if form.cleaned_data.get("title") and not form.cleaned_data.get("DELETE")
    )


class MinutesForm(PortalForm):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=100_000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class WalkInForm(PortalForm):
    member = forms.ModelChoiceField(
        label=_("Local Partnership member"),
        queryset=PartnershipMember.objects.none(),
        required=False,
        empty_label=_("— not a member: type the name below —"),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    organisation_name = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False
    )

    def __init__(
        self, *args: Any, members: QuerySet[PartnershipMember], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["member"])
        field.queryset = members
        if not members.exists():
            del self.fields["member"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("member") and not cleaned.get("name"):
            self.add_error(
                "name", _("Choose a Local Partnership member or type a name.")
            )
        return cleaned


class AttachmentForm(PortalForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, ODT, PPTX, ODP, PNG, JPEG or WebP; at most 20 MB."),
    )

    kind: FileKind

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.kind = validate_upload(
            upload, kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES
        )
        return upload
