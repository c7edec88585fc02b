from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.forms import DateTimeInput, PortalForm, PortalModelForm
from core.uploads import DOCUMENTS, validate_upload
from networks.models import Edition, Theme
from networks.selectors import current_edition
from organisations.models import Organisation
from recruitment.models import Application, Call, CallTheme, Criterion, Question, Track
from recruitment.permissions import applying_organisations

MAX_ATTACHMENT = 10 * 1024 * 1024


class CallForm(PortalModelForm):
    eligible_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Eligible kinds of organisation"),
        choices=[
            (k.value, k.label)
            for k in Organisation.Kind
            if k != Organisation.Kind.MINISTRY
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("None ticked: every kind may apply."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Themes on offer (each becomes a network)"),
        queryset=Theme.objects.order_by("name_pl"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Call
        fields = (
            "edition",
            "title",
            "description",
            "opens_at",
            "closes_at",
            "is_published",
            "eligible_kinds",
            "min_partners",
            "max_partners",
            "min_voivodeships",
            "one_network_per_city",
        )
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "opens_at": gettext_lazy("Polish time (Europe/Warsaw), to the minute."),
            "closes_at": gettext_lazy(
                "Polish time (Europe/Warsaw): nothing can be submitted from this "
                "minute on."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "edition" not in self.initial:
            self.initial["edition"] = current_edition()  # the one the ministry runs

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        low, high = data.get("min_partners"), data.get("max_partners")
        if low is not None and high is not None and high < low:
            self.add_error("max_partners", _("At most cannot be less than at least."))
        return data


class CopyForm(PortalForm):
    edition = forms.ModelChoiceField(
        label=gettext_lazy("For the edition"), queryset=Edition.objects.all()
    )


class QuestionForm(PortalModelForm):
    class Meta:
        model = Question
        fields = (
            "position",
            "text",
            "help_text",
            "kind",
            "options",
            "required",
            "track",
        )
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}


class CriterionForm(PortalModelForm):
    class Meta:
        model = Criterion
        fields = ("position", "name", "description", "scale_max", "weight")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean_scale_max(self) -> int:
        value = cast(int, self.cleaned_data["scale_max"])
        if value < 1:
            raise ValidationError(_("The scale goes from 0 to at least 1."))
        return value

    def clean_weight(self) -> Decimal:
        value = cast(Decimal, self.cleaned_data["weight"])
        if value <= 0:
            raise ValidationError(_("The weight must be more than 0."))
        return value


class ApplyForm(PortalForm):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Applicant"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
    )
    theme = forms.ChoiceField(label=gettext_lazy("Theme"))
    track = forms.ChoiceField(label=gettext_lazy("Track"), choices=Track.choices)

    def __init__(self, *args: Any, call: Call, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = applying_organisations(user)
        # A choice of one is made already: the select starts at it, not at "---".
        if len(organisation.queryset[:2]) == 1:
            organisation.empty_label = None
        self.themes = {t.theme.slug: t for t in call.themes.select_related("theme")}
        cast(forms.ChoiceField, self.fields["theme"]).choices = [
            (slug, t.theme.name) for slug, t in self.themes.items()
        ]

    def clean_theme(self) -> CallTheme:
        return self.themes[self.cleaned_data["theme"]]


class AnswersForm(PortalForm):
    """One field per question of the application's track."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    required_legend = gettext_lazy(
        "Questions marked * must be answered before the application is submitted; "
        "the draft can be saved without them."
    )

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        answers: dict[int, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            answer = answers.get(question.pk)
            common: dict[str, Any] = {
                "label": question.text,
                # Typed by the ministry: escaped here, so it is text in any template.
                "help_text": conditional_escape(question.help_text),
                # Drafts are saved incomplete; submitting checks what is required.
                "required": False,
            }
            if question.kind == Question.Kind.LONG_TEXT:
                field: forms.Field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 5}),
                    max_length=20_000,
                    **common,
                )
                initial = answer.text if answer else ""
            elif question.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(
                    choices=[("", "—"), *[(c, c) for c in question.choices]], **common
                )
                initial = answer.text if answer else ""
            elif question.kind == Question.Kind.NUMBER:
                field = forms.DecimalField(max_digits=14, decimal_places=2, **common)
                initial = answer.number if answer else None
            elif question.kind == Question.Kind.FILE:
                field = forms.FileField(**common)
                # The question's help and the file's name were typed: all of it is
                # escaped into text, so it is text in any template.
                field.help_text = conditional_escape(
                    (
                        f"{question.help_text} "
                        + _("PDF, DOCX or ODT, up to 10 MB.")
                        + (
                            " " + _("Uploaded: %(name)s") % {"name": answer.file_name}
                            if answer and answer.file
                            else ""
                        )
                    ).strip()
                )
                initial = None
            else:
                field = forms.CharField(max_length=500, **common)
                initial = answer.text if answer else ""
            field.question = question  # type: ignore[attr-defined]
            if question.required:
                # Marked (asterisk, announced), but a draft may be saved without it:
                # the form is sent with novalidate, and submitting checks it.
                field.widget.attrs["required"] = True
            self.fields[name] = field
            self.initial.setdefault(name, initial)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for question in self.questions:
            upload = data.get(f"q{question.pk}")
            if question.kind == Question.Kind.FILE and upload:
                try:
                    validate_upload(upload, kinds=DOCUMENTS, max_bytes=MAX_ATTACHMENT)
                except ValidationError as error:
                    self.add_error(f"q{question.pk}", error)
        return data

    def answers(self) -> dict[int, Any]:
        return {
            question.pk: self.cleaned_data.get(f"q{question.pk}")
            for question in self.questions
        }

    def name_missing(self, questions: list[Question]) -> None:
        """Says next to each field that its answer is needed to submit."""
        for question in questions:
            self.add_error(
                f"q{question.pk}", _("Answer this question to submit the application.")
            )


class AssignForm(PortalForm):
    evaluator = forms.ModelChoiceField(
        label=gettext_lazy("Evaluator"), queryset=User.objects.none()
    )
    theme = forms.ModelChoiceField(
        label=gettext_lazy("Submitted applications of the theme"),
        queryset=CallTheme.objects.none(),
    )
    track = forms.ChoiceField(
        label=gettext_lazy("Track"),
        choices=[("", gettext_lazy("both tracks")), *Track.choices],
        required=False,
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Evaluators: the ministry's people and the programme's thematic experts.
        cast(forms.ModelChoiceField, self.fields["evaluator"]).queryset = (
            User.objects.filter(is_active=True)
            .filter(
                Q(
                    memberships__organisation__kind=Organisation.Kind.MINISTRY,
                    memberships__is_active=True,
                )
                | Q(expert_assignments__valid_to__isnull=True)
            )
            .distinct()
            .order_by("full_name", "email")
        )
        cast(
            forms.ModelChoiceField, self.fields["theme"]
        ).queryset = call.themes.select_related("theme")


class ScoreForm(PortalForm):
    recommendation = forms.ChoiceField(
        label=gettext_lazy("Your recommendation"),
        choices=[
            ("", "—"),
            *[
                (d.value, d.label)
                for d in Application.Decision
                if d != Application.Decision.NONE
            ],
        ],
    )
    comment = forms.CharField(
        label=gettext_lazy("Overall comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s (0–%(max)s)")
                % {"name": criterion.name, "max": criterion.scale_max},
                min_value=0,
                max_value=criterion.scale_max,
                help_text=conditional_escape(criterion.description),
            )
            self.fields[f"c{criterion.pk}_comment"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class ConflictForm(PortalForm):
    note = forms.CharField(
        label=gettext_lazy("Why (e.g. you work for the applicant)"), max_length=500
    )


class DecisionForm(PortalForm):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (d.value, d.label)
            for d in Application.Decision
            if d != Application.Decision.NONE
        ],
    )
    justification = forms.CharField(
        label=gettext_lazy("Justification (the city reads it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    # What the person confirmed deciding without (the codes of the gaps the page
    # named, `selectors.decision_gaps`), space-separated.
    confirmed = forms.CharField(required=False, widget=forms.HiddenInput)

    def confirmed_gaps(self) -> set[str]:
        return set(self.cleaned_data["confirmed"].split())


class ReopenForm(PortalForm):
    until = forms.DateTimeField(
        label=gettext_lazy("Open for completion until"), widget=DateTimeInput()
    )
