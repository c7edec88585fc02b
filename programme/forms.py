from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, PortalForm
from documents.forms import editor_labels
from programme.models import DeclarationVersion

RICH_HELP = _(
    "Headings, lists, tables, links and emphasis are kept; anything else (scripts, "
    "images, styles) is removed on saving."
)


def _rich(label: Any, *, required: bool = False, help_text: Any = RICH_HELP) -> Any:
    """A field of the same rich-text editor as the documents' sections."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 12, "data-rich-editor": ""}),
        help_text=help_text,
    )


class _Editor(PortalForm):
    # The version the editor started from: a save based on an older one is
    # refused instead of overwriting someone else's text.
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = editor_labels()
        for field in self.fields.values():
            if "data-rich-editor" in field.widget.attrs:
                field.widget.attrs["data-editor-labels"] = labels


class PageForm(_Editor):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = _rich(_("Content"))
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=200,
        required=False,
        help_text=_("Optional: with English content, English readers see it."),
    )
    body_en = _rich(_("Content in English"))


class DeclarationForm(_Editor):
    entity_name = forms.CharField(
        label=_("Name of the public body"),
        max_length=300,
        help_text=_(
            "Its full official name: it commits to making the site accessible."
        ),
    )
    site_name = forms.CharField(
        label=_("Name of the website"),
        max_length=300,
        help_text=_(
            "In Polish, in the genitive case (it follows the words: strony "
            "internetowej)."
        ),
    )
    site_url = forms.URLField(
        label=_("Address of the website"), max_length=300, assume_scheme="https"
    )
    site_published_on = forms.DateField(
        label=_("Date the website was published"), widget=DateInput
    )
    site_updated_on = forms.DateField(
        label=_("Date of its last significant update"), widget=DateInput
    )
    status = forms.ChoiceField(
        label=_("Compliance with the act of 4 April 2019"),
        choices=DeclarationVersion.Status.choices,
        widget=forms.RadioSelect,
    )
    non_accessible = _rich(
        _("Content that is not accessible, and why"),
        help_text=_("Required unless the site is fully compliant."),
    )
    exemptions = _rich(
        _("Exemptions and their reasons"),
        help_text=_(
            "Content the act exempts (for example files published before 23 "
            "September 2018) or a disproportionate burden, with the reason."
        ),
    )
    prepared_on = forms.DateField(
        label=_("Date the declaration was prepared"), widget=DateInput
    )
    reviewed_on = forms.DateField(
        label=_("Date of its last review and update"), widget=DateInput
    )
    assessment = forms.ChoiceField(
        label=_("How the declaration was prepared"),
        choices=DeclarationVersion.Assessment.choices,
        widget=forms.RadioSelect,
    )
    assessor = forms.CharField(
        label=_("Name of the external body"),
        max_length=300,
        required=False,
        help_text=_("Only when an external body assessed the site."),
    )
    keyboard_shortcuts = forms.CharField(
        label=_("Keyboard shortcuts"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional."),
    )
    contact_person = forms.CharField(label=_("Person responsible"), max_length=200)
    contact_email = forms.EmailField(label=_("E-mail address"))
    contact_phone = forms.CharField(label=_("Telephone number"), max_length=40)
    architecture = _rich(
        _("Architectural accessibility of the buildings"),
        required=True,
        help_text=_(
            "Entrances, lifts, stairs, parking, toilets, assistance dogs, "
            "induction loops, tactile signs."
        ),
    )
    sign_language = _rich(_("Sign language interpreting"), help_text=_("Optional."))
