from typing import cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm
from materials.models import MATERIAL_FILE_KINDS, MATERIAL_MAX_BYTES, Material
from materials.services import material_upload_check

ACCEPT = ",".join(f".{ext}" for kind in MATERIAL_FILE_KINDS for ext in kind.extensions)


class VersionForm(PortalForm):
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        kinds = ", ".join(kind.extensions[0].upper() for kind in MATERIAL_FILE_KINDS)
        # Built per request, in the language of the person who reads it.
        self.fields["file"].help_text = gettext(
            "Accepted: %(kinds)s; at most %(limit)s. The file is checked by its "
            "content, not by its name."
        ) % {"kinds": kinds, "limit": filesizeformat(MATERIAL_MAX_BYTES)}

    def clean_file(self) -> UploadedFile:
        upload = cast(UploadedFile, self.cleaned_data["file"])
        material_upload_check(upload)
        return upload


class MaterialForm(VersionForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    language = forms.ChoiceField(
        label=_("Language of the document"),
        choices=Material.Language.choices,
    )
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=())

    field_order = ["title", "description", "language", "visibility", "file"]

    def __init__(
        self,
        *args: object,
        visibilities: list[Material.Visibility],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        visibility = cast(forms.ChoiceField, self.fields["visibility"])
        visibility.choices = [(choice.value, choice.label) for choice in visibilities]
