import json
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import DateInput, PortalForm, PortalModelForm
from documents.models import (
    Action,
    GoodPractice,
    Recommendation,
    ScheduleItem,
    Section,
    SectionTemplate,
)
from documents.selectors import citable_mid_sections
from networks.selectors import current_member_organisations
from partnerships.models import ParticipationActivity


def editor_labels() -> str:
    """The editor's button names, in the page's language (static/js/editor.js)."""
    return json.dumps(
        {
            "toolbar": _("Formatting"),
            "paragraph": _("Paragraph"),
            "h2": _("Heading 2"),
            "h3": _("Heading 3"),
            "bold": _("Bold"),
            "italic": _("Italic"),
            "ul": _("Bulleted list"),
            "ol": _("Numbered list"),
            "link": _("Link"),
            "unlink": _("Remove link"),
            "table": _("Insert table"),
            "clear": _("Clear formatting"),
            "url": _("Link address"),
            "link_text": _("Text of the link (empty: the address)"),
            "insert": _("Insert"),
            "cancel": _("Cancel"),
            "rows": _("Rows"),
            "columns": _("Columns"),
            "invalid_url": _(
                "Enter an address starting with http://, https:// or mailto:"
            ),
            "table_keys": _(
                "In a table, Tab moves to the next cell and Shift+Tab back; press "
                "Escape, then Tab, to leave the editor."
            ),
        },
        ensure_ascii=False,
    )


class Revision(PortalForm):
    """The version the author started from: a save based on an older one is
    refused instead of overwriting someone else's text."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class SectionForm(Revision):
    body = forms.CharField(
        label=gettext_lazy("Content"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 16, "data-rich-editor": ""}),
        help_text=gettext_lazy(
            "Headings, lists, tables, links and emphasis are kept; anything else "
            "(scripts, images, styles) is removed on saving."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["data-editor-labels"] = editor_labels()


class RecordForm(PortalModelForm):
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section


class ActionForm(RecordForm):
    class Meta:
        model = Action
        fields = (
            "title",
            "owner",
            "partners",
            "starts_on",
            "ends_on",
            "cost",
            "funding_source",
            "risks",
            "lp_input",
        )
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "risks": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, section=section, **kwargs)
        document = section.document
        field = cast(forms.ModelChoiceField, self.fields["lp_input"])
        field.queryset = ParticipationActivity.objects.filter(
            partnership__organisation=document.organisation,
            partnership__network_id=document.network_id,
        ).order_by("-held_on")
        field.help_text = _(
            "The Local Partnership's work this action comes from (recorded on the "
            "LP's page)."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end cannot be before the start."))
        return data


class IndicatorForm(PortalForm):
    name = forms.CharField(
        label=gettext_lazy("Indicator"), max_length=300, required=False
    )
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=40, required=False)
    baseline = forms.DecimalField(
        label=gettext_lazy("Baseline"), max_digits=14, decimal_places=2, required=False
    )
    target = forms.DecimalField(
        label=gettext_lazy("Target"), max_digits=14, decimal_places=2, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("name"):
            for name in ("baseline", "target"):
                if data.get(name) is None and not self.has_error(name):
                    self.add_error(
                        name,
                        _("Give the indicator's %(what)s.")
                        % {"what": self.fields[name].label},
                    )
        elif data.get("baseline") is not None or data.get("target") is not None:
            self.add_error("name", _("Name the indicator these values measure."))
        return data


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=0, max_num=10)


class ScheduleItemForm(RecordForm):
    class Meta:
        model = ScheduleItem
        fields = ("item_kind", "title", "host", "starts_on", "ends_on", "description")
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, section=section, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["host"])
        field.queryset = current_member_organisations(
            network_id=section.document.network_id
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end cannot be before the start."))
        return data


class EvidenceChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Section) -> str:  # type: ignore[override]
        template = obj.template
        return f"{obj.document.organisation} — {template.position}. {template.name}"


class RecommendationForm(RecordForm):
    evidence = EvidenceChoice(
        queryset=Section.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Evidence: the MID sections that support it"),
    )

    class Meta:
        model = Recommendation
        fields = (
            "title",
            "barrier",
            "evidence",
            "proposed_change",
            "change_type",
            "addressee",
            "priority",
            "expected_impact",
            "uptake",
        )
        widgets = {
            "barrier": forms.Textarea(attrs={"rows": 3}),
            "proposed_change": forms.Textarea(attrs={"rows": 4}),
            "expected_impact": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, section=section, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["evidence"])
        field.queryset = citable_mid_sections(network_id=section.document.network_id)
        field.help_text = _("Only MID sections that have been written can be cited.")


class GoodPracticeForm(RecordForm):
    link = forms.URLField(
        label=gettext_lazy("link"), required=False, assume_scheme="https"
    )

    class Meta:
        model = GoodPractice
        fields = ("title", "organisation", "description", "link")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, section=section, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = current_member_organisations(
            network_id=section.document.network_id
        )


RECORD_FORMS: dict[str, type[RecordForm]] = {
    SectionTemplate.Content.ACTIONS: ActionForm,
    SectionTemplate.Content.SCHEDULE: ScheduleItemForm,
    SectionTemplate.Content.RECOMMENDATIONS: RecommendationForm,
    SectionTemplate.Content.GOOD_PRACTICES: GoodPracticeForm,
}


class CommentForm(PortalForm):
    quote = forms.CharField(
        label=gettext_lazy("Passage you comment on (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "data-quote": ""}),
        help_text=gettext_lazy(
            "Select text in the section and it is copied here, or paste it."
        ),
    )
    body = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReplyForm(PortalForm):
    body = forms.CharField(
        label=gettext_lazy("Reply"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StepForm(PortalForm):
    """The review panel's one comment, sent with whichever step is taken."""

    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def needed_for(self, labels: list[str]) -> None:
        """Says next to the field which of the offered steps need the comment."""
        if labels:
            self.fields["comment"].help_text = _("Required for: %(steps)s.") % {
                "steps": ", ".join(labels)
            }


class VersionForm(PortalForm):
    note = forms.CharField(
        label=gettext_lazy("What this version is (optional)"),
        required=False,
        max_length=300,
    )


class TemplateForm(PortalModelForm):
    class Meta:
        model = SectionTemplate
        fields = ("position", "name_pl", "name_en", "guidance", "required")
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}


class NewTemplateForm(PortalModelForm):
    class Meta:
        model = SectionTemplate
        fields = (
            "key",
            "position",
            "name_pl",
            "name_en",
            "guidance",
            "required",
            "content",
        )
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["content"])
        # The record card and the structured tables are the programme's; a new
        # section is written as text.
        field.choices = [
            (SectionTemplate.Content.RICH_TEXT, SectionTemplate.Content.RICH_TEXT.label)
        ]
