"""An audit event's details in words. The details are stored as codes
({"from": "accepted", "to": "published", "kind": "mid"}); the apps that write the
events sit above the audit log, so each declares, when it is loaded (its
AppConfig.ready), what its actions' detail keys mean and which labels their codes
have. The log then reads "State: published (was: accepted by the ministry);
document: City Action Initiative (MID)" instead of the codes."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from audit.models import AuditEvent


@dataclass(frozen=True)
class Detail:
    """One detail key of an action: its name for people; the labels of its codes
    (a choices class's `.choices`), if it holds codes; and the key holding the value
    it replaced, if any, shown beside it ("(was: …)")."""

    label: Promise
    labels: Iterable[tuple[str, Any]] | Mapping[str, Any] | None = None
    previous: str | None = None


_DECLARED: dict[str, dict[str, Detail]] = {}


def details_declare(action: str, details: dict[str, Detail]) -> None:
    """What the detail keys of `action` mean, in the order the log shows them.
    Called by the app that records the action, from its AppConfig.ready()."""
    _DECLARED[action] = details


def details_declared(action: str) -> dict[str, Detail] | None:
    return _DECLARED.get(action)


def _value_shown(value: Any, detail: Detail | None) -> str:
    if detail is not None and detail.labels is not None:
        labels = dict(detail.labels)
        if isinstance(value, str) and value in labels:
            return str(labels[value])
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_value_shown(item, detail) for item in value)
    return str(value)


def details_shown(event: AuditEvent) -> str:
    """The event's details as one line of text, declared keys first (in their
    order, each with its previous value), then any key no app declared (written by
    an older version), as stored."""
    stored: dict[str, Any] = event.details if isinstance(event.details, dict) else {}
    declared = _DECLARED.get(event.action, {})
    previous_keys = {d.previous for d in declared.values() if d.previous}
    parts = []
    for key, detail in declared.items():
        if key not in stored:
            continue
        value = _value_shown(stored[key], detail)
        if detail.previous and detail.previous in stored:
            value = _("%(value)s (was: %(previous)s)") % {
                "value": value,
                "previous": _value_shown(stored[detail.previous], detail),
            }
        parts.append(f"{capfirst(str(detail.label))}: {value}")
    for key, raw in stored.items():
        if key not in declared and key not in previous_keys:
            parts.append(f"{key}: {_value_shown(raw, None)}")
    return "; ".join(parts)
