"""Permission-matrix entries for the documents (merged into
tests/test_permission_matrix.py). Rewitalizacja's Network Sheet is written by every
member city and the expert; Gdynia's MID only by Gdynia; a MID of Jakość powietrza
(Toruń, a network none of the roles is in) is seen by the ministry alone. Each
workflow step is checked in the state it belongs to, and in one it does not."""

from collections.abc import Callable

from django.urls import reverse

from documents.models import Document, Kind, SectionTemplate, State
from documents.services import comment_add, document_start, section_templates
from documents.tests.builders import (
    add_action,
    complete,
    gdynia_mid,
    network_sheet,
    section,
)
from networks.models import Network
from organisations.models import Organisation
from tests.support.matrix import Case, everyone, only, post, signed_in
from tests.support.world import World

MINISTRY = {"ministry_admin": 200, "ministry_staff": 200}
SHEET_AUTHORS = {
    "lead_coordinator": 200,
    "city_coordinator": 200,
    "city_officer": 200,
    "expert": 200,
}
GDYNIA = {"city_coordinator": 200, "city_officer": 200}
SEE_SHEET = signed_in(200)
SEE_GDYNIA_MID = only(MINISTRY | GDYNIA | {"expert": 200})
SEE_AIR_MID = only(MINISTRY)


def redirect(answers: dict[str, int]) -> dict[str, int]:
    return {role: 302 for role in answers}


def air_mid(world: World) -> Document:
    """Toruń's MID in Jakość powietrza, started by the ministry."""
    return document_start(
        kind=Kind.MID,
        network=Network.objects.get(slug="jakosc-powietrza"),
        organisation=Organisation.objects.get(slug="torun"),
        actor=world.user("ministry_staff"),
    )


Build = Callable[[World], Document]


def sheet_in(state: str) -> Build:
    return lambda world: network_sheet(world, state)


def mid_in(state: str) -> Build:
    return lambda world: gdynia_mid(world, state)


def ready(build: Build, author: str) -> Build:
    """The document built, its required sections filled in by `author`: ready to
    be submitted (documents.permissions.step_refusal)."""

    def built(world: World) -> Document:
        document = build(world)
        complete(document, world.user(author))
        return document

    return built


def doc(name: str, build: Build, *args: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[build(world).pk, *args])


def sec(name: str, build: Build, key: str, *args: str) -> Callable[[World], str]:
    def url(world: World) -> str:
        document = build(world)
        return reverse(name, args=[document.pk, section(document, key).pk, *args])

    return url


def action_url(name: str) -> Callable[[World], str]:
    def url(world: World) -> str:
        mid = gdynia_mid(world)
        action = add_action(mid, world.user("city_officer"))
        return reverse(name, args=[mid.pk, section(mid, "actions").pk, action.pk])

    return url


def expert_thread(action: str) -> Callable[[World], str]:
    def url(world: World) -> str:
        sheet = network_sheet(world)
        thread = comment_add(
            section=section(sheet, "problems"),
            body="Dodajcie dane.",
            actor=world.user("expert"),
        )
        return reverse("documents:comment_state", args=[thread.pk, action])

    return url


def template_url(world: World) -> str:
    template = section_templates(edition=world.network.edition, kind=Kind.SHEET)[1]
    return reverse("documents:template_edit", args=[template.pk])


def start_url(world: World) -> str:
    network_sheet(world, State.APPROVED)
    return reverse("documents:start")


def version_url(name: str, build: Build) -> Callable[[World], str]:
    def url(world: World) -> str:
        document = build(world)
        # the newest: the hostile-input crawler builds every page in one world
        newest = document.versions.latest("number")
        return reverse(name, args=[document.pk, newest.number])

    return url


def sheet_with_a_saved_version(world: World) -> Document:
    from documents.services import document_version_create

    sheet = network_sheet(world)
    if not sheet.versions.exists():
        document_version_create(
            document=sheet, actor=world.user("lead_coordinator"), note=""
        )
    return sheet


ACTION = {
    "title": "Remont skweru",
    "owner": "Wydział Rewitalizacji",
    "starts_on": "2027-03-01",
    "ends_on": "2027-10-31",
    "revision": "1",
    "wskazniki-TOTAL_FORMS": "0",
    "wskazniki-INITIAL_FORMS": "0",
}

MATRIX: dict[str, list[Case]] = {
    "documents:start": [
        post(
            lambda world: reverse("documents:start"),
            only(redirect(SHEET_AUTHORS)),
            network="rewitalizacja",
            kind="sheet",
        ),
        post(
            start_url,
            only(redirect(MINISTRY | GDYNIA)),
            network="rewitalizacja",
            kind="mid",
            organisation="gdynia",
        ),
    ],
    "documents:queue": [Case(lambda world: reverse("documents:queue"), SEE_SHEET)],
    "documents:templates": [
        Case(lambda world: reverse("documents:templates"), only(MINISTRY))
    ],
    "documents:template_edit": [
        Case(template_url, only(MINISTRY)),
        post(
            template_url,
            only(redirect(MINISTRY)),
            position="1",
            name_pl="Problemy wspólne",
            guidance="Opisz.",
            required="on",
        ),
    ],
    "documents:template_add": [
        Case(
            lambda world: reverse(
                "documents:template_add", args=[world.network.edition.slug, "mid"]
            ),
            only(MINISTRY),
        ),
        post(
            lambda world: reverse(
                "documents:template_add", args=[world.network.edition.slug, "mid"]
            ),
            only(redirect(MINISTRY)),
            key="budzet",
            position="30",
            name_pl="Budżet",
            content=SectionTemplate.Content.RICH_TEXT,
        ),
    ],
    "documents:public_network": [
        Case(
            lambda world: reverse("documents:public_network", args=["rewitalizacja"]),
            everyone(200),
        )
    ],
    "documents:public": [
        Case(doc("documents:public", sheet_in(State.DRAFT)), everyone(404)),
        Case(doc("documents:public", sheet_in(State.PUBLISHED)), everyone(200)),
    ],
    "documents:detail": [
        Case(doc("documents:detail", sheet_in(State.DRAFT)), SEE_SHEET),
        Case(doc("documents:detail", mid_in(State.DRAFT)), SEE_GDYNIA_MID),
        Case(doc("documents:detail", air_mid), SEE_AIR_MID),
        Case(lambda world: reverse("documents:detail", args=[999999]), only({})),
    ],
    "documents:step": [
        # a draft Sheet: only the lead city submits it
        post(
            doc(
                "documents:step",
                ready(sheet_in(State.DRAFT), "lead_coordinator"),
                "submit",
            ),
            only({"lead_coordinator": 302}),
        ),
        # publishing a draft is no step at all: refused with the reason
        post(doc("documents:step", sheet_in(State.DRAFT), "publish"), signed_in(400)),
        # in review: only the expert approves
        post(
            doc("documents:step", sheet_in(State.IN_REVIEW), "approve"),
            only({"expert": 302}),
        ),
        # accepted: only the ministry publishes
        post(
            doc("documents:step", sheet_in(State.ACCEPTED), "publish"),
            only(redirect(MINISTRY)),
        ),
        # Gdynia's draft MID: its coordinator submits, not its officer
        post(
            doc("documents:step", ready(mid_in(State.DRAFT), "city_officer"), "submit"),
            only({"city_coordinator": 302}),
        ),
        post(doc("documents:step", air_mid, "submit"), only({})),
    ],
    "documents:consultation": [
        post(
            doc("documents:consultation", mid_in(State.DRAFT), "otworz"),
            only({"city_coordinator": 302}),
        ),
    ],
    "documents:section_edit": [
        Case(
            sec("documents:section_edit", sheet_in(State.DRAFT), "problems"),
            only(SHEET_AUTHORS),
        ),
        post(
            sec("documents:section_edit", sheet_in(State.DRAFT), "problems"),
            only(redirect(SHEET_AUTHORS)),
            body="<p>Nowy tekst.</p>",
            revision="1",
        ),
        # in review nobody edits: the authors are told why
        Case(
            sec("documents:section_edit", mid_in(State.IN_REVIEW), "challenge"),
            only(redirect(GDYNIA)),
        ),
    ],
    "documents:section_autosave": [
        post(
            sec("documents:section_autosave", mid_in(State.DRAFT), "challenge"),
            only(GDYNIA),
            body="<p>W toku.</p>",
            revision="1",
        )
    ],
    "documents:section_presence": [
        Case(
            sec("documents:section_presence", mid_in(State.DRAFT), "challenge"),
            only(GDYNIA),
        )
    ],
    "documents:section_history": [
        Case(
            sec("documents:section_history", mid_in(State.DRAFT), "challenge"),
            SEE_GDYNIA_MID,
        )
    ],
    "documents:record_add": [
        Case(sec("documents:record_add", mid_in(State.DRAFT), "actions"), only(GDYNIA)),
        Case(
            sec("documents:record_add", mid_in(State.IN_REVIEW), "actions"),
            only(redirect(GDYNIA)),
        ),
    ],
    "documents:record_edit": [
        Case(action_url("documents:record_edit"), only(GDYNIA)),
        Case(
            action_url("documents:record_edit"),
            only(redirect(GDYNIA)),
            "post",
            {**ACTION, "revision": "2"},
            writes=True,
        ),
    ],
    "documents:record_delete": [
        post(
            action_url("documents:record_delete"),
            only(redirect(GDYNIA)),
            revision="1",
        )
    ],
    "documents:comment_add": [
        post(
            sec("documents:comment_add", sheet_in(State.DRAFT), "problems"),
            signed_in(302),
            body="Uwaga.",
        ),
        post(
            lambda world: reverse(
                "documents:comment_add",
                args=[air_mid(world).pk, section(air_mid(world), "challenge").pk],
            ),
            only(redirect(MINISTRY)),
            body="Uwaga.",
        ),
    ],
    "documents:comment_state": [
        post(
            expert_thread("rozwiaz"),
            only(redirect(SHEET_AUTHORS)),
        )
    ],
    "documents:versions": [
        Case(doc("documents:versions", mid_in(State.DRAFT)), SEE_GDYNIA_MID),
        post(
            doc("documents:versions", mid_in(State.DRAFT)),
            only(redirect(GDYNIA)),
            note="Po warsztatach",
        ),
    ],
    "documents:version": [
        Case(version_url("documents:version", mid_in(State.IN_REVIEW)), SEE_GDYNIA_MID)
    ],
    "documents:compare": [
        Case(
            lambda world: (
                reverse(
                    "documents:compare", args=[gdynia_mid(world, State.IN_REVIEW).pk]
                )
                + "?od=1"
            ),
            SEE_GDYNIA_MID,
        )
    ],
    "documents:restore": [
        post(
            version_url("documents:restore", sheet_with_a_saved_version),
            only(redirect(SHEET_AUTHORS)),
        )
    ],
}
