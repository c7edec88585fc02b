"""Document versions for the PDF tests, including ones no author could write (the
sanitiser would stop them): what a print-out must survive anyway."""

from django.db.models import F

from documents.models import DocumentVersion, Section, SectionVersion
from documents.services import document_version_create
from documents.tests.builders import gdynia_mid, section
from tests.support.world import World

ACTION_ROW = (
    "<tr><td>{n}</td><th scope='row'>Działanie {n}: zielone podwórka, "
    "zażółć gęślą jaźń</th><td>Wydział Rewitalizacji<br>Rada Dzielnicy</td>"
    "<td>01.03.2027 – 31.10.2027</td><td>120 000,00 zł<br>RPO</td>"
    "<td>Powierzchnia zieleni: 100,00 → 800,00 m²</td><td>Opóźnienia</td>"
    "<td>Warsztaty LP</td></tr>"
)


def action_table(rows: int) -> str:
    head = "".join(
        f"<th scope='col'>{name}</th>"
        for name in (
            "Nr",
            "Działanie",
            "Właściciel i partnerzy",
            "Termin",
            "Koszt i finansowanie",
            "Wskaźniki",
            "Ryzyka",
            "Wkład LP",
        )
    )
    body = "".join(ACTION_ROW.format(n=n) for n in range(1, rows + 1))
    return (
        f"<table class='data records'><caption>Tabela działań</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def force_body(target: Section, body: str, world: World) -> None:
    """Stores `body` as the section's newest version as it is (no sanitiser)."""
    version = SectionVersion.objects.create(
        section=target,
        number=target.revision + 1,
        body=body,
        author=world.user("city_officer"),
    )
    Section.objects.filter(pk=target.pk).update(
        current=version, revision=F("revision") + 1
    )


def mid_version(world: World, **bodies: str) -> DocumentVersion:
    """A new version of Gdynia's MID with the given section bodies."""
    mid = gdynia_mid(world)
    for key, body in bodies.items():
        force_body(section(mid, key), body, world)
    return document_version_create(
        document=mid, actor=world.user("city_officer"), note=""
    )
