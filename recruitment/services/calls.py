"""Calls: the ministry opens, edits and copies a call, its questions and criteria."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from core.slugs import free_slug
from networks.models import Edition, Theme
from recruitment import permissions
from recruitment.models import Call, CallTheme, Criterion, Question

CALL_FIELDS = (
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


def call_create(
    *, edition: Edition, values: dict[str, Any], themes: list[Theme], actor: User
) -> Call:
    """Opens a call (unpublished until the ministry says so) with its themes."""
    permissions.require_manager(actor)
    slug = free_slug(
        values["title"], among=Call.objects.all(), fallback="nabor", max_length=100
    )
    with transaction.atomic():
        call = Call.objects.create(
            edition=edition, slug=slug, **{k: values[k] for k in CALL_FIELDS}
        )
        CallTheme.objects.bulk_create(CallTheme(call=call, theme=t) for t in themes)
    return call


def call_update(
    *, call: Call, values: dict[str, Any], themes: list[Theme], actor: User
) -> Call:
    permissions.require_manager(actor)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        for field in CALL_FIELDS:
            setattr(call, field, values[field])
        call.save(update_fields=list(CALL_FIELDS))
        keep = {theme.pk for theme in themes}
        offered = CallTheme.objects.filter(call=call)
        removable = offered.exclude(theme_id__in=keep)
        if removable.filter(applications__isnull=False).exists():
            raise DomainError(
                _("A theme that already has applications cannot be removed.")
            )
        removable.delete()
        present = set(offered.values_list("theme_id", flat=True))
        CallTheme.objects.bulk_create(
            CallTheme(call=call, theme=theme)
            for theme in themes
            if theme.pk not in present
        )
    return call


def call_copy(*, call: Call, edition: Edition, actor: User) -> Call:
    """The call as the template for the next edition: themes, questions, criteria
    and rules; unpublished, dates moved by the difference between the editions."""
    permissions.require_manager(actor)
    shift = edition.starts_on - call.edition.starts_on
    with transaction.atomic():
        copy = call_create(
            edition=edition,
            values={
                **{field: getattr(call, field) for field in CALL_FIELDS},
                "title": f"{call.title} ({edition.name})"[:200],
                "is_published": False,
                # Shifted in Polish wall-clock time: a deadline stays at 12:00
                # across a change of summer time.
                "opens_at": _shift(call.opens_at, shift),
                "closes_at": _shift(call.closes_at, shift),
            },
            themes=[t.theme for t in call.themes.select_related("theme")],
            actor=actor,
        )
        Question.objects.bulk_create(
            Question(
                call=copy,
                **{
                    f: getattr(q, f)
                    for f in ("position", "text", "help_text", "kind", "options")
                },
                required=q.required,
                track=q.track,
            )
            for q in call.questions.all()
        )
        Criterion.objects.bulk_create(
            Criterion(
                call=copy,
                position=c.position,
                name=c.name,
                description=c.description,
                scale_max=c.scale_max,
                weight=c.weight,
            )
            for c in call.criteria.all()
        )
    return copy


def _shift(moment: datetime.datetime, by: datetime.timedelta) -> datetime.datetime:
    local = timezone.localtime(moment).replace(tzinfo=None) + by
    return timezone.make_aware(local)


def question_add(*, call: Call, values: dict[str, Any], actor: User) -> Question:
    permissions.require_manager(actor)
    if values["kind"] == Question.Kind.CHOICE and not values.get("options", "").strip():
        raise DomainError(_("A choice needs its options, one per line."))
    return Question.objects.create(call=call, **values)


def criterion_add(*, call: Call, values: dict[str, Any], actor: User) -> Criterion:
    permissions.require_manager(actor)
    if call.applications.filter(assignments__submitted_at__isnull=False).exists():
        raise DomainError(
            _("Evaluations have been submitted: the criteria can no longer change.")
        )
    return Criterion.objects.create(call=call, **values)
