"""The information clause (RODO, art. 13) residents read before they give their
data to a Local Partnership: the versions the ministry publishes, and the one in
force. The writes of this module are services (each with its audit event)."""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from partnerships.models import ConsentClause

# The programme's model clause: the first version, in force until the ministry
# publishes another. It is created the first time a clause is needed rather than by
# a data migration, because a migration's row does not survive a flushed database
# (the live-server tests flush theirs; so does `manage.py flush`) while a resident
# must never be asked for data without a clause; and the scale generator writes its
# own clause into a freshly migrated database.
MODEL_CLAUSE_VERSION = "2026-1"
MODEL_CLAUSE = {
    "controller": (
        "Administratorem Twoich danych osobowych jest urząd miasta, które tworzy "
        "Lokalne Partnerstwo, we współpracy z ministerstwem właściwym do spraw "
        "polityki regionalnej w ramach Partnerskiej Inicjatywy Miast."
    ),
    "dpo_contact": (
        "Z inspektorem ochrony danych skontaktujesz się przez urząd miasta: "
        "kontakt miasta w sprawach danych osobowych podajemy przy tej klauzuli."
    ),
    "purposes": (
        "Dane (imię i nazwisko, organizacja, sektor, adres e-mail, telefon) "
        "przetwarzamy wyłącznie w celu prac Lokalnego Partnerstwa: zaproszeń na "
        "spotkania, list obecności i konsultacji Miejskiej Inicjatywy Działania."
    ),
    "legal_basis": ConsentClause.LegalBasis.CONSENT,
    "retention": (
        "Dane przechowujemy do zakończenia Partnerstwa i przez okres archiwizacji, "
        "nie dłużej niż 5 lat; potem portal je usuwa."
    ),
    "rights": (
        "Zgodę możesz w każdej chwili wycofać, bez wpływu na zgodność z prawem "
        "przetwarzania przed jej wycofaniem. Masz prawo dostępu do danych, ich "
        "sprostowania, usunięcia i przeniesienia oraz prawo wniesienia skargi do "
        "Prezesa Urzędu Ochrony Danych Osobowych."
    ),
    "valid_from": datetime.date(2026, 1, 1),
}

# The parts of a clause, in the order a person reads them (the form's fields too).
CLAUSE_PARTS = ("controller", "dpo_contact", "purposes", "retention", "rights")


class ClauseChanged(DomainError):
    """Another version of the clause took effect since the person was shown one."""


def current_clause() -> ConsentClause:
    """The newest information clause in force (the model clause if none is)."""
    clause = ConsentClause.objects.filter(valid_from__lte=timezone.localdate()).first()
    if clause is None:
        clause, _created = ConsentClause.objects.get_or_create(
            version=MODEL_CLAUSE_VERSION, defaults=MODEL_CLAUSE
        )
    return clause


@dataclass(frozen=True)
class ClauseDraft:
    """A new version as the ministry typed it, before it is published."""

    controller: str
    dpo_contact: str
    purposes: str
    legal_basis: str
    retention: str
    rights: str
    valid_from: datetime.date


def clause_earliest_start() -> datetime.date:
    """The first day a new version may take effect: not in the past (nobody has
    read it yet), and not before the newest published version (versions follow
    one another)."""
    newest = ConsentClause.objects.first()
    today = timezone.localdate()
    return max(today, newest.valid_from) if newest else today


def clause_next_version(valid_from: datetime.date) -> str:
    """`<year>-<n>`: the n-th version taking effect in that year."""
    taken = ConsentClause.objects.filter(
        version__startswith=f"{valid_from.year}-"
    ).count()
    return f"{valid_from.year}-{taken + 1}"


def clause_publish(*, draft: ClauseDraft, actor: User) -> ConsentClause:
    """Publishes a new version of the information clause: from its first day the
    join form and the cities' member forms show it, and whoever consents from then
    on is recorded under it. Versions are never changed afterwards; those who
    consented earlier keep the version they read."""
    current_clause()  # the model clause stays the first version
    if draft.valid_from < clause_earliest_start():
        raise DomainError(
            _(
                "A new version takes effect from %(day)s at the earliest: not "
                "in the past, nor before the newest published version."
            )
            % {"day": clause_earliest_start().isoformat()}
        )
    try:
        with transaction.atomic():
            clause = ConsentClause.objects.create(
                version=clause_next_version(draft.valid_from),
                controller=draft.controller,
                dpo_contact=draft.dpo_contact,
                purposes=draft.purposes,
                legal_basis=draft.legal_basis,
                retention=draft.retention,
                rights=draft.rights,
                valid_from=draft.valid_from,
                published_by=actor,
            )
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CONSENT_CLAUSE_PUBLISHED,
                ip_address=None,
                details={
                    "clause": clause.version,
                    "valid_from": clause.valid_from.isoformat(),
                    "legal_basis": clause.legal_basis,
                },
            )
    except IntegrityError as error:  # another version took the number meanwhile
        raise DomainError(
            _("Another version was published meanwhile: check the list and retry.")
        ) from error
    return clause


def clause_digest(draft: ClauseDraft) -> str:
    """A fingerprint of a draft's text: publishing checks it against the one
    previewed, so the version published is the one the ministry saw."""
    text = json.dumps(
        {**asdict(draft), "valid_from": draft.valid_from.isoformat()},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def clause_unsaved(draft: ClauseDraft) -> ConsentClause:
    """The draft as the version it would be, for the preview (not stored)."""
    return ConsentClause(version=clause_next_version(draft.valid_from), **asdict(draft))
