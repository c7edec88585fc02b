"""The records of a structured section (actions, schedule dates,
recommendations, good practices): each change saves the section as a new version
holding a copy of them."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from documents.models import Action, Indicator, Recommendation, Section, SectionVersion
from documents.selectors import RECORD_MODELS, citable_mid_sections, section_records
from documents.services.writing import (
    citing_changed,
    lock_for_edit,
    new_section_version,
    touch,
)


@dataclass(frozen=True)
class IndicatorDraft:
    name: str
    unit: str
    baseline: Decimal
    target: Decimal


def _as_data(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _record_data(record: Model) -> dict[str, Any]:
    data = {
        field.attname: _as_data(getattr(record, field.attname))
        for field in record._meta.concrete_fields
        if field.name not in ("id", "section")
    }
    if isinstance(record, Action):
        data["indicators"] = [
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": str(indicator.baseline),
                "target": str(indicator.target),
            }
            for indicator in record.indicators.all()
        ]
    if isinstance(record, Recommendation):
        data["evidence"] = sorted(section.pk for section in record.evidence.all())
    return data


def _snapshot(section: Section) -> tuple[str, list[dict[str, Any]]]:
    records = section_records(section)
    body = render_to_string(
        "documents/_records.html",
        {"section": section, "records": records, "snapshot": True},
    )
    return body, [_record_data(record) for record in records]


def record_save(
    *,
    section: Section,
    expected_revision: int,
    record: Model,
    actor: User,
    evidence: list[Section] | None = None,
    indicators: list[IndicatorDraft] | None = None,
) -> SectionVersion:
    """Adds or changes one record of a structured section (an action, a schedule
    date, a recommendation, a good practice) and saves the section as a new
    version. Evidence may cite only MID sections of the same network that exist."""
    with transaction.atomic():
        locked, document = lock_for_edit(
            section=section, expected_revision=expected_revision, actor=actor
        )
        model = RECORD_MODELS.get(locked.template.content)
        if model is None or not isinstance(record, model):
            raise DomainError(_("This record does not belong in this section."))
        if record.pk is not None and record.section_id != locked.pk:  # type: ignore[attr-defined]
            raise PermissionDenied
        record.section = locked  # type: ignore[attr-defined]
        if isinstance(record, Recommendation):
            citing_changed(locked)
        if isinstance(record, Action | Recommendation) and record.pk is None:
            record.position = model._default_manager.filter(section=locked).count() + 1  # type: ignore[attr-defined]
        record.save()
        if isinstance(record, Recommendation) and evidence is not None:
            allowed = set(
                citable_mid_sections(network_id=document.network_id).values_list(
                    "pk", flat=True
                )
            )
            if any(cited.pk not in allowed for cited in evidence):
                raise DomainError(
                    _("Evidence can cite only MID sections of this network's cities.")
                )
            record.evidence.set(evidence)
            citing_changed(locked)
        if isinstance(record, Action) and indicators is not None:
            record.indicators.all().delete()
            Indicator.objects.bulk_create(
                Indicator(action=record, **vars(indicator)) for indicator in indicators
            )
        body, records = _snapshot(locked)
        version = new_section_version(
            section=locked, body=body, records=records, actor=actor
        )
        touch(document)
        return version


def record_delete(
    *, section: Section, expected_revision: int, record: Model, actor: User
) -> SectionVersion:
    """Removes one record; the section's earlier versions keep it."""
    with transaction.atomic():
        locked, document = lock_for_edit(
            section=section, expected_revision=expected_revision, actor=actor
        )
        if record.section_id != locked.pk:  # type: ignore[attr-defined]
            raise PermissionDenied
        if isinstance(record, Recommendation):
            citing_changed(locked)
            record.evidence.clear()
        record.delete()
        body, records = _snapshot(locked)
        version = new_section_version(
            section=locked, body=body, records=records, actor=actor
        )
        touch(document)
        return version


def restore_records(section: Section, records: list[dict[str, Any]]) -> None:
    model = RECORD_MODELS[section.template.content]
    if model is Recommendation:
        citing_changed(section)
    for existing in model._default_manager.filter(section=section):  # type: ignore[attr-defined]
        if isinstance(existing, Recommendation):
            existing.evidence.clear()
        existing.delete()
    for data in records:
        values = dict(data)
        indicators = values.pop("indicators", [])
        evidence = values.pop("evidence", [])
        record = model(section=section, **values)
        record.save()
        if isinstance(record, Action):
            Indicator.objects.bulk_create(
                Indicator(action=record, **indicator) for indicator in indicators
            )
        if isinstance(record, Recommendation):
            record.evidence.set(Section.objects.filter(pk__in=evidence))
    if model is Recommendation:
        citing_changed(section)
