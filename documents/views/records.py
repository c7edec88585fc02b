"""Editing the records of a structured section (actions with their indicators,
schedule items, recommendations, good practices): add, change, remove."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError
from core.permissions import refused_as_missing
from documents import permissions, selectors, services
from documents.forms import RECORD_FORMS, ActionForm, IndicatorFormSet
from documents.models import Action, Section
from documents.views.document import actor
from documents.views.sections import can_write


def _record(section: Section, record_pk: int) -> Model:
    model = selectors.RECORD_MODELS[section.template.content]
    return get_object_or_404(model, pk=record_pk, section=section)


def _indicator_initial(record: Model | None) -> list[dict[str, Any]]:
    if not isinstance(record, Action):
        return []
    return [
        {"name": i.name, "unit": i.unit, "baseline": i.baseline, "target": i.target}
        for i in record.indicators.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
@refused_as_missing
def record_edit(
    request: HttpRequest, pk: int, section_pk: int, record_pk: int | None = None
) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    form_class = RECORD_FORMS.get(section.template.content)
    if form_class is None:
        raise Http404
    if not can_write(request, document):
        return redirect(section)
    record = None if record_pk is None else _record(section, record_pk)
    data = request.POST if request.method == "POST" else None
    form = form_class(
        data,
        instance=record,
        section=section,
        initial={"revision": section.revision},
    )
    indicators = None
    if form_class is ActionForm:
        indicators = IndicatorFormSet(
            data, prefix="wskazniki", initial=_indicator_initial(record) or [{}, {}]
        )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and (indicators is None or indicators.is_valid()):
            try:
                services.record_save(
                    section=section,
                    expected_revision=form.cleaned_data["revision"],
                    record=form.save(commit=False),
                    actor=actor(request),
                    evidence=list(form.cleaned_data["evidence"])
                    if "evidence" in form.cleaned_data
                    else None,
                    indicators=[
                        services.IndicatorDraft(
                            name=row["name"],
                            unit=row["unit"],
                            baseline=row["baseline"],
                            target=row["target"],
                        )
                        for row in indicators.cleaned_data
                        if row.get("name")
                    ]
                    if indicators is not None
                    else None,
                )
            except services.StaleSection:
                status = 409
                form.add_error(
                    None,
                    _(
                        "Someone else changed this section while you were editing. "
                        "Nothing was saved; your entries are kept below. Check the "
                        "section's current content, then save again."
                    ),
                )
                fresh = request.POST.copy()
                fresh["revision"] = str(Section.objects.get(pk=section.pk).revision)
                form.data = fresh
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Saved as a new version of the section."))
                return redirect(section)
    return render(
        request,
        "documents/record_form.html",
        {
            "document": document,
            "section": section,
            "form": form,
            "indicators": indicators,
            "record": record,
        },
        status=status,
    )


def _revision(request: HttpRequest) -> int:
    """The revision a form was opened at (-1, i.e. stale, when unreadable)."""
    value = request.POST.get("revision", "")
    return int(value) if value.isdigit() else -1


@login_required
@require_POST
@refused_as_missing
def record_delete(
    request: HttpRequest, pk: int, section_pk: int, record_pk: int
) -> HttpResponse:
    document = permissions.access_document(request.user, pk)
    section = permissions.access_section(request.user, document, section_pk)
    if section.template.content not in RECORD_FORMS:
        raise Http404
    record = _record(section, record_pk)
    try:
        services.record_delete(
            section=section,
            expected_revision=_revision(request),
            record=record,
            actor=actor(request),
        )
    except services.StaleSection:
        messages.error(
            request,
            _("Someone else changed this section meanwhile: check it and try again."),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Removed; earlier versions of the section keep it.")
        )
    return redirect(section)
