import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from guardian.models import GroupObjectPermission

from accounts.models import User
from audit.models import AuditEvent
from devtools.scale import (
    ADDED_MID_SECTIONS,
    BENCH_EXPERT,
    BENCH_LEAD,
    BENCH_MID_COMMENTS,
    BENCH_MINISTRY,
    MAX_BODY,
    MIN_BODY,
    Figures,
    ScaleRefused,
    ScaleResult,
    check_figures,
    generate,
)
from documents import permissions as document_permissions
from documents.default_templates import DEFAULTS
from documents.models import (
    Comment,
    Document,
    DocumentVersion,
    Kind,
    Section,
    SectionTemplate,
    SectionVersion,
    State,
)
from documents.selectors import review_queue
from meetings.models import Meeting
from networks.models import (
    Edition,
    Network,
    NetworkExpert,
    NetworkGroupObjectPermission,
    NetworkMembership,
)
from networks.permissions import can_lead, can_review, expert_grants_sync
from networks.services import network_membership_grants_sync
from organisations.models import (
    Membership,
    Organisation,
    OrganisationGroupObjectPermission,
)
from organisations.permissions import membership_groups_sync
from partnerships.models import PartnershipMember
from recruitment.models import Application
from recruitment.permissions import can_manage

pytestmark = pytest.mark.django_db

TINY = Figures(
    organisations=12,
    editions=2,
    networks=3,
    mids=6,
    versions=3,
    lp_members=40,
    users=30,
    meetings=5,
    audit_events=200,
    applications=10,
)
MID_SECTIONS = DEFAULTS[Kind.MID] + ADDED_MID_SECTIONS
TEXT_SECTIONS = sum(
    1 for d in MID_SECTIONS if d.content == SectionTemplate.Content.RICH_TEXT
)
# Every table the generator writes is reached from these by CASCADE.
ROOTS = (
    "organisations_organisation",
    "accounts_user",
    "networks_edition",
    "networks_theme",
    "auth_group",
    "partnerships_consentclause",
)
FINGERPRINTED = (
    "organisations_organisation",
    "networks_network",
    "networks_networkmembership",
    "accounts_user",
    "organisations_membership",
    "accounts_user_groups",
    "auth_group",
    "organisations_organisationgroupobjectpermission",
    "networks_networkgroupobjectpermission",
    "partnerships_partnershipmember",
    "documents_document",
    "documents_section",
    "documents_sectionversion",
    "documents_documentversion_sections",
    "documents_comment",
    "meetings_meeting",
    "recruitment_application",
    "recruitment_assignment",
    "audit_auditevent",
)


@pytest.fixture
def scale() -> ScaleResult:
    return generate(TINY)


def fingerprint() -> dict[str, str]:
    with connection.cursor() as cursor:
        found = {}
        for table in FINGERPRINTED:
            cursor.execute(
                f"SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM {table} t"  # noqa: S608 - constant names
            )
            found[table] = cursor.fetchone()[0]
    return found


def empty_generated_tables() -> None:
    with connection.cursor() as cursor:
        # Pending deferred foreign-key checks would block TRUNCATE: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {', '.join(ROOTS)} CASCADE")
        # Back to the default: sections and their versions point at each other.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def bench_mid(scale: ScaleResult) -> Document:
    return Document.objects.select_related("network", "organisation").get(
        pk=scale.bench.document_id
    )


def test_the_data_set_has_the_figures_asked_for(scale: ScaleResult) -> None:
    # given the tiny figures, when generated (fixture), then
    mids = Document.objects.filter(kind=Kind.MID)
    assert Organisation.objects.count() == TINY.organisations
    assert Edition.objects.count() == TINY.editions
    assert Network.objects.count() == TINY.networks
    assert NetworkMembership.objects.count() == TINY.mids
    assert mids.count() == TINY.mids
    assert Document.objects.filter(kind=Kind.SHEET).count() == TINY.networks
    assert (
        DocumentVersion.objects.filter(document__kind=Kind.MID).count()
        == TINY.mids * TINY.versions
    )
    assert SectionVersion.objects.filter(
        section__document__kind=Kind.MID
    ).count() == TINY.mids * (TEXT_SECTIONS + TINY.versions)
    assert PartnershipMember.objects.count() == TINY.lp_members
    assert User.objects.count() == TINY.users
    assert Meeting.objects.count() == TINY.meetings
    assert AuditEvent.objects.count() == TINY.audit_events
    assert Application.objects.count() == TINY.applications
    assert scale.counts["accounts_user"] == TINY.users
    voivodeships = Organisation.objects.exclude(voivodeship="").values("voivodeship")
    assert voivodeships.distinct().count() == TINY.organisations - 1


def test_sections_point_at_their_newest_version_and_snapshots_at_the_then_current(
    scale: ScaleResult,
) -> None:
    # given the bench MID
    document = bench_mid(scale)
    # when its sections and versions are read
    sections = list(Section.objects.filter(document=document).select_related("current"))
    latest = DocumentVersion.objects.get(document=document, number=TINY.versions)
    # then each text section's current version is its newest, and the latest
    # snapshot holds exactly the current versions
    # 15 sections: the 13 of the programme and the 2 the ministry added
    assert len(sections) == len(MID_SECTIONS) == 15
    written = [s for s in sections if s.current is not None]
    assert len(written) == TEXT_SECTIONS
    for section in written:
        newest = SectionVersion.objects.filter(section=section).order_by("-number")[0]
        assert section.current == newest
        assert section.revision == newest.number
        assert MIN_BODY <= len(newest.body.encode()) <= MAX_BODY
    assert set(latest.sections.values_list("pk", flat=True)) == {
        s.current_id for s in written
    }
    assert document.versions_made == TINY.versions


def test_the_same_seed_gives_the_same_rows() -> None:
    # given a first generation
    generate(TINY)
    first = fingerprint()
    empty_generated_tables()
    # when the same figures are generated again into the emptied tables
    generate(TINY)
    # then every fingerprinted table is identical
    assert fingerprint() == first
    assert all(first.values())


def test_another_seed_gives_other_rows() -> None:
    generate(TINY)
    first = fingerprint()
    empty_generated_tables()
    generate(Figures(**{**TINY.__dict__, "seed": 2}))
    assert (
        fingerprint()["documents_sectionversion"] != first["documents_sectionversion"]
    )


def test_sequences_continue_after_the_generated_keys(scale: ScaleResult) -> None:
    # when the portal creates rows after the generation, then no key collides
    user = User.objects.create_user(email="nowy@example.pl")
    event = AuditEvent.objects.create(action=AuditEvent.Action.INVITATION_SENT)
    assert user.pk == TINY.users + 1
    assert event.pk == TINY.audit_events + 1


def test_bench_lead_and_expert_hold_the_roles_the_permissions_recognise(
    scale: ScaleResult,
) -> None:
    # given the bench accounts and the bench MID
    document = bench_mid(scale)
    lead = User.objects.get(email=BENCH_LEAD)
    expert = User.objects.get(email=BENCH_EXPERT)
    # then the lead writes and answers for its MID and leads the network
    assert document.state == State.IN_REVIEW
    assert (
        document.organisation_id
        == document.network.memberships.get(
            role=NetworkMembership.Role.LEAD
        ).organisation_id
    )
    assert document_permissions.can_view(lead, document)
    assert document_permissions.is_responsible(lead, document)
    assert can_lead(lead, document.network)
    # and the expert reviews it and every network of the latest edition
    assert can_review(expert, document.network)
    assert document in review_queue(user=expert, ministry=False)
    latest = Edition.objects.order_by("-starts_on").first()
    assert (
        NetworkExpert.objects.filter(user=expert, valid_to__isnull=True).count()
        == Network.objects.filter(edition=latest).count()
    )
    assert document.network.slug == scale.bench.network_slug
    assert Network.objects.filter(edition=latest).order_by("pk")[0] == document.network


def test_bench_mid_has_fifty_comments_with_replies_and_resolved_threads(
    scale: ScaleResult,
) -> None:
    comments = Comment.objects.filter(document_id=scale.bench.document_id)
    assert comments.count() == BENCH_MID_COMMENTS
    assert comments.filter(parent__isnull=False).exists()
    assert comments.filter(resolved_at__isnull=False, parent__isnull=True).exists()
    for comment in comments.filter(parent__isnull=False).select_related("parent"):
        assert comment.parent is not None
        assert comment.section_id == comment.parent.section_id


def test_bench_pages_answer_200(scale: ScaleResult) -> None:
    # given the three bench accounts signed in
    mid = reverse("documents:detail", args=[scale.bench.document_id])
    dashboard = reverse("recruitment:dashboard", args=[scale.bench.call_slug])
    pages = {BENCH_LEAD: mid, BENCH_EXPERT: mid, BENCH_MINISTRY: dashboard}
    for email, url in pages.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        # when they open their bench page, then it answers (the ministry account
        # passes the MFA middleware: it has a TOTP authenticator)
        assert client.get(url).status_code == 200, email
    assert can_manage(User.objects.get(email=BENCH_MINISTRY))


def test_bulk_grants_are_what_the_services_would_give(scale: ScaleResult) -> None:
    # given the generated groups and object permissions
    def state() -> tuple[int, int, int]:
        return (
            Group.objects.count(),
            GroupObjectPermission.objects.count()
            + OrganisationGroupObjectPermission.objects.count()
            + NetworkGroupObjectPermission.objects.count(),
            User.groups.through.objects.count(),
        )

    before = state()
    # when the services sync every membership, network membership and expert again
    for membership in Membership.objects.select_related("user", "organisation"):
        membership_groups_sync(membership)
    for network_membership in NetworkMembership.objects.select_related(
        "organisation", "network"
    ):
        network_membership_grants_sync(network_membership)
    for expert in NetworkExpert.objects.select_related("user", "network"):
        expert_grants_sync(expert)
    # then nothing changes: the bulk rows are the services' rows
    assert state() == before


def test_command_refuses_a_database_with_organisations() -> None:
    Organisation.objects.create(name="Gdynia", slug="gdynia", kind="city_county")
    with pytest.raises(CommandError, match="already holds organisations"):
        call_command("generate_scale", "--preset", "pilot")


def test_command_takes_the_preset_and_explicit_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command(
        "generate_scale",
        "--preset",
        "pilot",
        "--organisations",
        "20",
        "--audit-events",
        "50",
        "--users",
        "60",
        "--lp-members",
        "30",
        "--applications",
        "20",
    )
    out = capsys.readouterr().out
    assert Organisation.objects.count() == 20
    assert AuditEvent.objects.count() == 50
    assert Network.objects.count() == 3  # from the preset
    assert "/nabory/nabor-pim-2026/pulpit/" in out


def test_impossible_figures_are_refused() -> None:
    with pytest.raises(ScaleRefused, match="MID per network"):
        check_figures(Figures(**{**TINY.__dict__, "mids": 2}))
