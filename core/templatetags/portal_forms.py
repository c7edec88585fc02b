from django import template
from django.forms import BaseForm, BoundField
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def marked_required(field: BoundField) -> bool:
    """Whether the field carries the asterisk: required by the form, or marked
    required for a later step (an application's question, needed to submit)."""
    return bool(field.field.required or field.field.widget.attrs.get("required"))


@register.simple_tag
def required_legend(form: BaseForm) -> str:
    """What the asterisk means, for a form that has any ("" otherwise); a form
    may say it in its own words (its `required_legend`)."""
    if not any(marked_required(field) for field in form.visible_fields()):
        return ""
    return str(
        getattr(form, "required_legend", "") or _("Fields marked * are required.")
    )


@register.simple_tag
def field_widget(field: BoundField) -> SafeString:
    """The field's widget, tied to its help text and error messages for screen
    readers (aria-describedby) and marked invalid when it has errors."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    attrs: dict[str, str | bool] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
