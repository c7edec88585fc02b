import datetime
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import email_is_taken, user_by_verified_email
from accounts.services import account_anonymise, user_create
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from networks.models import Network, NetworkExpert
from organisations.models import Membership, Organisation
from partnerships import emails, signals
from partnerships.clauses import ClauseChanged, current_clause
from partnerships.models import (
    JoinRequest,
    LocalPartnership,
    ParticipationActivity,
    PartnershipMember,
)


@dataclass(frozen=True)
class MemberDraft:
    kind: str
    name: str
    organisation_name: str
    sector: str
    role: str
    email: str
    phone: str
    joined_on: datetime.date


def partnership_create(
    *,
    organisation: Organisation,
    network: Network,
    name: str,
    formula: str,
    goals: str,
    working_rules: str,
    is_public: bool,
    actor: User,
    data_contact: str = "",
) -> LocalPartnership:
    """Forms the city's Local Partnership in a network (one per city and network)."""
    try:
        with transaction.atomic():  # the unique constraint decides a double submit
            partnership = LocalPartnership.objects.create(
                organisation=organisation,
                network=network,
                name=name,
                formula=formula,
                goals=goals,
                working_rules=working_rules,
                is_public=is_public,
                data_contact=data_contact,
            )
            audit_record(
                actor=actor,
                action=AuditEvent.Action.LP_CREATED,
                ip_address=None,
                organisation=organisation,
                network=network,
                details={"local_partnership": partnership.pk},
            )
            return partnership
    except IntegrityError as error:
        raise DomainError(
            _("This city already has a Local Partnership in this network.")
        ) from error


PARTNERSHIP_FIELDS = (
    "name",
    "formula",
    "goals",
    "working_rules",
    "is_public",
    "data_contact",
)


def partnership_update(
    *,
    partnership: LocalPartnership,
    expected_version: int,
    changes: dict[str, object],
    actor: User,
) -> LocalPartnership:
    """Changes the LP's description; a stale form is refused, nothing overwritten."""
    with transaction.atomic():
        partnership = LocalPartnership.objects.select_for_update().get(
            pk=partnership.pk
        )
        if partnership.version != expected_version:
            raise DomainError(
                _(
                    "Someone else changed this Local Partnership while you were "
                    "editing. Your changes were not saved: reload the page."
                )
            )
        changed = [
            field
            for field in PARTNERSHIP_FIELDS
            if getattr(partnership, field) != changes[field]
        ]
        for field in PARTNERSHIP_FIELDS:
            setattr(partnership, field, changes[field])
        partnership.version += 1
        partnership.save(update_fields=[*PARTNERSHIP_FIELDS, "version"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.LP_UPDATED,
            ip_address=None,
            organisation=partnership.organisation,
            network=partnership.network,
            details={"local_partnership": partnership.pk, "fields": changed},
        )
    return partnership


def members_add(
    *, partnership: LocalPartnership, drafts: list[MemberDraft], actor: User
) -> list[PartnershipMember]:
    """Adds members (one, or many from an import) under the clause in force; an
    LP that has ended takes no new members."""
    with transaction.atomic():
        # Locked, and read afresh: the LP may have ended since the page was read.
        locked = LocalPartnership.objects.select_for_update().get(pk=partnership.pk)
        if locked.is_ended:
            raise DomainError(
                _("This Local Partnership has ended: it takes no new members.")
            )
        clause = current_clause()
        now = timezone.now()
        return PartnershipMember.objects.bulk_create(
            PartnershipMember(
                partnership=locked,
                kind=draft.kind,
                name=draft.name,
                organisation_name=draft.organisation_name,
                sector=draft.sector,
                role=draft.role,
                email=draft.email,
                phone=draft.phone,
                joined_on=draft.joined_on,
                consent_clause=clause,
                consent_given_at=now,
            )
            for draft in drafts
        )


def member_leave(
    *, member: PartnershipMember, on: datetime.date, actor: User
) -> PartnershipMember:
    """Records that a member left; the history stays."""
    with transaction.atomic():
        member = PartnershipMember.objects.select_for_update().get(pk=member.pk)
        if member.left_on is not None:
            raise DomainError(_("This member's departure is already recorded."))
        if on < member.joined_on:
            raise DomainError(_("A member cannot leave before joining."))
        member.left_on = on
        member.save(update_fields=["left_on"])
    return member


@transaction.atomic
def member_erase(
    *,
    member: PartnershipMember,
    actor: User | None,
    consent_withdrawn: bool = False,
    reason: str = "",
) -> None:
    """Removes a member's personal data everywhere it is held — the member record,
    attendance lists of the LP's meetings, join requests, the account they were
    given (closed, and their comments signed "an LP member (data erased)") —
    keeping only what the anonymous counts need (sector, dates, role). The audit
    event names the member by id only."""
    member = PartnershipMember.objects.select_for_update().get(pk=member.pk)
    partnership = member.partnership
    if member.user is not None and _account_only_for_consultations(member):
        account_anonymise(user=member.user, shown_as=_("An LP member (data erased)"))
    # The apps above keep data about the member too (meetings: attendance lists);
    # each erases its own, in this transaction.
    signals.member_erasing.send(sender=PartnershipMember, member=member, actor=actor)
    requests = JoinRequest.objects.filter(partnership=partnership).filter(
        Q(member=member) | (Q(email__iexact=member.email) & ~Q(email=""))
    )
    requests.update(
        name=_("Erased person"), email="", phone="", organisation_name="", motivation=""
    )
    now = timezone.now()
    member.name = _("Erased person")
    member.organisation_name = ""
    member.email = ""
    member.phone = ""
    member.user = None
    member.erased_at = now
    member.save(
        update_fields=[
            "name",
            "organisation_name",
            "email",
            "phone",
            "user",
            "erased_at",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.LP_MEMBER_ERASED,
        ip_address=None,
        organisation=partnership.organisation,
        details={
            "lp_member": member.pk,
            "reason": reason
            or ("consent withdrawn" if consent_withdrawn else "erasure"),
        },
    )


def _account_only_for_consultations(member: PartnershipMember) -> bool:
    """Whether the member's account serves nothing but this LP seat. An account
    that was linked because the person already worked in the portal (a city's
    officer, an expert, the ministry) is the employer's, under another legal basis:
    it is only unlinked from the seat, never closed by the seat's erasure."""
    user = member.user
    if user is None or user.is_staff or user.is_superuser:
        return False
    return not (
        user.groups.exists()
        or Membership.objects.filter(user=user).exists()
        or NetworkExpert.objects.filter(user=user).exists()
        or PartnershipMember.objects.filter(user=user, erased_at__isnull=True)
        .exclude(pk=member.pk)
        .exists()
    )


@transaction.atomic
def member_consent_withdraw(*, member: PartnershipMember, actor: User) -> None:
    """The member withdraws consent: from now on nothing of theirs is processed, so
    the withdrawal is recorded and their personal data erased in the same step."""
    PartnershipMember.objects.filter(pk=member.pk).update(
        consent_withdrawn_at=timezone.now()
    )
    member_erase(member=member, actor=actor, consent_withdrawn=True)


def member_export(member: PartnershipMember) -> dict[str, object]:
    """Everything the portal holds about a member (the right of access)."""
    partnership = member.partnership
    data: dict[str, object] = {
        "name": member.name,
        "kind": member.kind,
        "organisation": member.organisation_name,
        "sector": member.sector,
        "role": member.role,
        "email": member.email,
        "phone": member.phone,
        "local_partnership": partnership.name,
        "city": partnership.organisation.name,
        "joined_on": member.joined_on.isoformat(),
        "left_on": member.left_on.isoformat() if member.left_on else None,
        "legal_basis": member.consent_clause.legal_basis,
        "information_clause": member.consent_clause.version,
        "consent_given_at": member.consent_given_at.isoformat(),
        "consent_withdrawn_at": (
            member.consent_withdrawn_at.isoformat()
            if member.consent_withdrawn_at
            else None
        ),
    }
    # What the apps above keep about the member (meetings: the meetings attended).
    for _receiver, answer in signals.member_data_requested.send(
        sender=PartnershipMember, member=member
    ):
        # (django-stubs types a receiver's answer as a string; ours are dicts)
        data.update(cast(dict[str, object], answer))
    return data


@transaction.atomic
def join_request_submit(
    *,
    partnership: LocalPartnership,
    name: str,
    email: str,
    phone: str,
    organisation_name: str,
    sector: str,
    motivation: str,
    clause_shown: int | None = None,
) -> JoinRequest:
    """Someone asks to join an open LP through its public page, consenting under
    the information clause they were shown (`clause_shown`, its number: refused
    when another version took effect meanwhile, so nobody is recorded under a
    clause they did not read). An LP keeps at most LP_JOIN_PENDING_MAX requests
    waiting for an answer: a flood (from however many addresses) fills it only
    until the coordinator declines the spam, and never stops the LP from working."""
    in_force = current_clause()
    if clause_shown is not None and clause_shown != in_force.pk:
        raise ClauseChanged(
            _(
                "The information clause changed while you were filling in the "
                "form. Please read the new version below and send the form again."
            )
        )
    # Locked so that requests sent at the same moment are counted one by one.
    partnership = LocalPartnership.objects.select_for_update().get(pk=partnership.pk)
    if (
        partnership.formula != LocalPartnership.Formula.OPEN
        or not partnership.is_public
        or partnership.status == LocalPartnership.Status.ENDED
    ):
        raise DomainError(_("This Local Partnership does not take requests to join."))
    waiting = partnership.join_requests.filter(status=JoinRequest.Status.PENDING)
    if waiting.count() >= settings.LP_JOIN_PENDING_MAX:
        raise DomainError(
            _(
                "This Local Partnership cannot take more requests to join right "
                "now. Please try again in a few days or write to the city."
            )
        )
    return JoinRequest.objects.create(
        partnership=partnership,
        name=name,
        email=email,
        phone=phone,
        organisation_name=organisation_name,
        sector=sector,
        motivation=motivation,
        consent_clause=in_force,
    )


@transaction.atomic
def join_request_decide(
    *, join_request: JoinRequest, accept: bool, actor: User
) -> PartnershipMember | None:
    """Accepts (the person becomes a member) or declines a request to join."""
    # The LP first, as its end locks it: a request is decided before the LP ends
    # (its seat ends with the others) or after (it was declined), never meanwhile.
    LocalPartnership.objects.select_for_update().get(pk=join_request.partnership_id)
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise DomainError(_("This request has already been decided."))
    if accept and join_request.partnership.is_ended:
        raise DomainError(
            _("This Local Partnership has ended: it takes no new members.")
        )
    join_request.status = (
        JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    )
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_at"])
    if not accept:
        return None
    member = PartnershipMember.objects.create(
        partnership=join_request.partnership,
        kind=PartnershipMember.Kind.PERSON,
        name=join_request.name,
        organisation_name=join_request.organisation_name,
        sector=join_request.sector,
        email=join_request.email,
        phone=join_request.phone,
        joined_on=timezone.localdate(),
        consent_clause=join_request.consent_clause,
        consent_given_at=join_request.submitted_at,
    )
    join_request.member = member
    join_request.save(update_fields=["member"])
    return member


def join_requests_purge() -> int:
    """Deletes the requests to join that were declined, or never answered, more
    than JOIN_REQUEST_RETENTION_DAYS ago: a person who was not let in is not kept
    on file without end. (An accepted request goes with the member's record.)
    One audit event per LP, with the count only. Returns how many were deleted."""
    cutoff = timezone.now() - datetime.timedelta(
        days=settings.JOIN_REQUEST_RETENTION_DAYS
    )
    stale = JoinRequest.objects.filter(
        Q(status=JoinRequest.Status.DECLINED, decided_at__lt=cutoff)
        | Q(status=JoinRequest.Status.PENDING, submitted_at__lt=cutoff)
    )
    partnership_ids = list(stale.values_list("partnership_id", flat=True).distinct())
    deleted = 0
    for partnership in LocalPartnership.objects.filter(
        pk__in=partnership_ids
    ).select_related("organisation"):
        with transaction.atomic():
            count, _by_model = stale.filter(partnership=partnership).delete()
            if not count:
                continue
            audit_record(
                actor=None,
                action=AuditEvent.Action.LP_JOIN_REQUESTS_PURGED,
                ip_address=None,
                organisation=partnership.organisation,
                details={"local_partnership": partnership.pk, "deleted": count},
            )
            deleted += count
    return deleted


def activity_add(
    *,
    partnership: LocalPartnership,
    kind: str,
    title: str,
    held_on: datetime.date,
    reach: int,
    result: str,
    actor: User,
) -> ParticipationActivity:
    return ParticipationActivity.objects.create(
        partnership=partnership,
        kind=kind,
        title=title,
        held_on=held_on,
        reach=reach,
        result=result,
    )


def member_account_give(*, member: PartnershipMember, actor: User) -> User:
    """Gives an LP member a portal account (or links the one they have) so that
    they can read and comment on the city's MID during its consultation, and
    e-mails them a link to set their password. Nothing else opens to them."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    with transaction.atomic():
        member = PartnershipMember.objects.select_for_update().get(pk=member.pk)
        if not member.email or member.erased_at or member.consent_withdrawn_at:
            raise DomainError(
                _("An account needs the member's e-mail address and their consent.")
            )
        # Only an account that confirmed the address is linked; a new one starts
        # confirmed, as nobody but the mailbox's reader can enter it (the link).
        user = user_by_verified_email(member.email)
        if user is not None and not user.is_active:
            raise DomainError(
                _(
                    "This address belongs to a deactivated account, which is not "
                    "linked to the member. Ask the ministry to reactivate it first."
                )
            )
        created = user is None
        if user is None:
            if email_is_taken(member.email):
                raise DomainError(
                    _(
                        "This address is the login of an account that has not "
                        "confirmed it: no account can be given to it for now."
                    )
                )
            user = user_create(email=member.email, full_name=member.name, password=None)
        member.user = user
        member.save(update_fields=["user"])
        # A resident: the event holds ids only, never their name or e-mail (the
        # network's "Recent activity" shows it to every member city).
        audit_record(
            actor=actor,
            action=AuditEvent.Action.LP_ACCOUNT_GIVEN,
            ip_address=None,
            organisation=member.partnership.organisation,
            network=member.partnership.network,
            details={"lp_member": member.pk, "account": user.pk},
        )
    if created:
        link = settings.PORTAL_BASE_URL + reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
        # Sent here, not by a worker: the link carries a password-setting key.
        transaction.on_commit(
            lambda: emails.send_member_account(member_pk=member.pk, link=link)
        )
    return user
