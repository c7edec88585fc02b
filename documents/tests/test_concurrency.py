"""Many people saving the same section at the same moment, through the real pages
and real PostgreSQL transactions: every save either lands or is refused with the
other text shown, and no submitted text is ever lost."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from documents.models import SectionVersion
from documents.tests.builders import network_sheet, section, text
from tests.support.world import World

pytestmark = pytest.mark.django_db(transaction=True)

SESSIONS = 8
AUTHORS = ["lead_coordinator", "city_coordinator", "city_officer", "expert"]


def test_parallel_saves_of_one_section_never_lose_a_text(world: World) -> None:
    # given one section, opened at the same revision in 8 sessions
    sheet = network_sheet(world)
    problems = section(sheet, "problems")
    url = reverse("documents:section_edit", args=[sheet.pk, problems.pk])
    opened_at = problems.revision
    texts = {n: f"Tekst sesji {n} — zażółć gęślą jaźń" for n in range(SESSIONS)}
    clients = []
    for n in range(SESSIONS):
        client = Client()
        client.force_login(world.user(AUTHORS[n % len(AUTHORS)]))
        clients.append(client)
    start = threading.Barrier(SESSIONS)
    answers: dict[int, tuple[int, str]] = {}

    def save(n: int) -> None:
        try:
            start.wait()
            response = clients[n].post(
                url, {"body": f"<p>{texts[n]}</p>", "revision": opened_at}
            )
            answers[n] = (response.status_code, response.content.decode())
        finally:
            connection.close()

    # when all of them save at once
    threads = [threading.Thread(target=save, args=(n,)) for n in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then exactly one lands; every other is refused, showing the landed text and
    # keeping its own in the editor
    landed = [n for n, (status, _page) in answers.items() if status == 302]
    refused = [n for n, (status, _page) in answers.items() if status == 409]
    assert len(landed) == 1, answers.keys()
    assert sorted(landed + refused) == list(range(SESSIONS))
    winner = texts[landed[0]]
    for n in refused:
        page = answers[n][1]
        assert winner in page  # the other text, side by side
        assert texts[n] in page  # their own, kept for merging

    # and when each refused author merges (their text after the current one) and
    # saves again, one at a time as the conflict page lets them, all texts survive
    for n in refused:
        current = section(sheet, "problems")
        merged = f"{text(current)}<p>{texts[n]}</p>"
        response = clients[n].post(url, {"body": merged, "revision": current.revision})
        assert response.status_code == 302
    stored = "".join(
        SectionVersion.objects.filter(section=problems).values_list("body", flat=True)
    )
    final = text(section(sheet, "problems"))
    for submitted in texts.values():
        assert submitted in stored
        assert submitted in final
