"""A national-size data set for load tests and benchmarks (`manage.py generate_scale`).

What it builds, at the default ("national") figures: 2 500 organisations in all 16
voivodeships (the ministry, a few expert bodies, cities and unions), 10 yearly
editions, 200 thematic networks with about 25 member cities each, a Network Sheet per
network and a MID per member city (the edition's default templates, Polish text of
1–4 KB per section, 20 document versions per MID, each changing one section), comment
threads, Local Partnerships with 50 000 members, 20 000 accounts with their
memberships, role groups and object permissions, thematic experts, 2 000 meetings, a
recruitment call with 1 000 applications and 1 000 000 audit events over ten years.

It is deterministic: one `random.Random(seed)`, primary keys assigned here, every
timestamp derived from BASE, never from the clock — the same seed and figures give the
same rows. It is fast: the large tables go through PostgreSQL COPY from a streamed
buffer, and the rows the permission services would write (role groups, guardian
object permissions) are written in bulk with exactly the same content.

The bench accounts (see BENCH_*) are the same in every preset; the benchmark scripts
log in as them.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import connection, models, transaction

from accounts.models import User
from audit.models import AuditEvent
from core.slugs import polish_slug
from documents.default_templates import DEFAULTS, Default
from documents.models import (
    Comment,
    Document,
    DocumentVersion,
    Kind,
    Section,
    SectionTemplate,
    SectionVersion,
    State,
    Transition,
)
from meetings.models import AgendaItem, Meeting, Sector
from networks.models import (
    Edition,
    Network,
    NetworkExpert,
    NetworkGroupObjectPermission,
    NetworkMembership,
    Theme,
)
from organisations.models import (
    Membership,
    Organisation,
    OrganisationGroupObjectPermission,
    Voivodeship,
)
from organisations.permissions import ORGANISATION_ROLE_PERMISSIONS, role_group
from partnerships.models import ConsentClause, LocalPartnership, PartnershipMember
from recruitment.models import (
    Answer,
    Application,
    Assignment,
    Call,
    CallTheme,
    Criterion,
    Question,
    Score,
    Track,
)

# Every timestamp is an offset from this instant (the data set's "today").
BASE = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
MINISTRY_SLUG = "ministerstwo"
MINISTRY_NAME = "Ministerstwo Funduszy i Polityki Regionalnej"
BENCH_MINISTRY = "bench.ministerstwo@scale.example"
BENCH_LEAD = "bench.lider@scale.example"
BENCH_EXPERT = "bench.ekspert@scale.example"
BENCH_MID_COMMENTS = 50
SHEET_VERSIONS = 5  # document versions of a Network Sheet (at most `versions`)
MIN_CALL_THEMES = 8  # themes a call offers at least (some get no network)
MIN_BODY, MAX_BODY = 1000, 4096  # bytes of a section's text
COPY_CHUNK = 1 << 20  # bytes handed to COPY at a time
UNUSABLE_PASSWORD = "!"  # noqa: S105 - what Django's set_unusable_password starts with


@dataclass(frozen=True)
class Figures:
    """How much to build. The defaults are the national scale."""

    organisations: int = 2500
    editions: int = 10
    networks: int = 200
    mids: int = 5000
    versions: int = 20
    lp_members: int = 50_000
    users: int = 20_000
    meetings: int = 2000
    audit_events: int = 1_000_000
    applications: int = 1000
    seed: int = 1


PRESETS: dict[str, Figures] = {
    "national": Figures(),
    "pilot": Figures(
        organisations=33,
        editions=1,
        networks=3,
        mids=33,
        versions=20,
        lp_members=500,
        users=150,
        meetings=20,
        audit_events=5000,
        applications=105,
    ),
}


class ScaleRefused(Exception):
    """The figures are impossible, or the database already holds data."""


@dataclass(frozen=True)
class StepTiming:
    name: str
    seconds: float
    rows: int


@dataclass(frozen=True)
class BenchTargets:
    network_slug: str
    document_id: int
    call_slug: str
    totp_secret: str


@dataclass(frozen=True)
class ScaleResult:
    steps: list[StepTiming]
    counts: dict[str, int]
    bench: BenchTargets


# ---------------------------------------------------------------- vocabulary

VOIVODESHIP_CITIES: dict[Voivodeship, tuple[tuple[float, float], tuple[str, ...]]] = {
    Voivodeship.DOLNOSLASKIE: (
        (51.11, 17.03),
        ("Wrocław", "Wałbrzych", "Legnica", "Jelenia Góra", "Lubin", "Głogów"),
    ),
    Voivodeship.KUJAWSKO_POMORSKIE: (
        (53.12, 18.01),
        ("Bydgoszcz", "Toruń", "Włocławek", "Grudziądz", "Inowrocław", "Brodnica"),
    ),
    Voivodeship.LUBELSKIE: (
        (51.25, 22.57),
        ("Lublin", "Chełm", "Zamość", "Biała Podlaska", "Puławy", "Świdnik"),
    ),
    Voivodeship.LUBUSKIE: (
        (52.07, 15.25),
        ("Gorzów Wielkopolski", "Zielona Góra", "Nowa Sól", "Żary", "Żagań"),
    ),
    Voivodeship.LODZKIE: (
        (51.76, 19.46),
        ("Łódź", "Piotrków Trybunalski", "Pabianice", "Tomaszów Mazowiecki", "Zgierz"),
    ),
    Voivodeship.MALOPOLSKIE: (
        (50.06, 19.94),
        ("Kraków", "Tarnów", "Nowy Sącz", "Oświęcim", "Chrzanów", "Skawina"),
    ),
    Voivodeship.MAZOWIECKIE: (
        (52.23, 21.01),
        ("Warszawa", "Radom", "Płock", "Siedlce", "Pruszków", "Ostrołęka"),
    ),
    Voivodeship.OPOLSKIE: (
        (50.67, 17.93),
        ("Opole", "Kędzierzyn-Koźle", "Nysa", "Brzeg", "Kluczbork"),
    ),
    Voivodeship.PODKARPACKIE: (
        (50.04, 22.00),
        ("Rzeszów", "Przemyśl", "Stalowa Wola", "Mielec", "Tarnobrzeg", "Krosno"),
    ),
    Voivodeship.PODLASKIE: (
        (53.13, 23.16),
        ("Białystok", "Suwałki", "Łomża", "Augustów", "Bielsk Podlaski"),
    ),
    Voivodeship.POMORSKIE: (
        (54.35, 18.65),
        ("Gdańsk", "Gdynia", "Słupsk", "Tczew", "Starogard Gdański", "Wejherowo"),
    ),
    Voivodeship.SLASKIE: (
        (50.26, 19.02),
        ("Katowice", "Częstochowa", "Sosnowiec", "Gliwice", "Zabrze", "Bielsko-Biała"),
    ),
    Voivodeship.SWIETOKRZYSKIE: (
        (50.87, 20.63),
        ("Kielce", "Ostrowiec Świętokrzyski", "Starachowice", "Skarżysko-Kamienna"),
    ),
    Voivodeship.WARMINSKO_MAZURSKIE: (
        (53.78, 20.48),
        ("Olsztyn", "Elbląg", "Ełk", "Ostróda", "Iława", "Giżycko"),
    ),
    Voivodeship.WIELKOPOLSKIE: (
        (52.41, 16.93),
        ("Poznań", "Kalisz", "Konin", "Piła", "Ostrów Wielkopolski", "Gniezno"),
    ),
    Voivodeship.ZACHODNIOPOMORSKIE: (
        (53.43, 14.55),
        ("Szczecin", "Koszalin", "Stargard", "Kołobrzeg", "Świnoujście", "Police"),
    ),
}
ROOTS = (
    "Brzez", "Dąbr", "Gór", "Lip", "Olsz", "Sosn", "Wierzb", "Krzyw", "Biel", "Czarn",
    "Kamion", "Mił", "Rad", "Staw", "Wol", "Zielon", "Bors", "Grab", "Jabłon", "Kozł",
    "Łęcz", "Międzyr", "Nowog", "Pias", "Trzcian", "Chojn", "Jezior", "Bukow",
)  # fmt: skip
SUFFIXES = ("owo", "ów", "ice", "in", "no", "ek", "ka", "owice", "any", "ewo", "ań")
CITY_KINDS = (
    (Organisation.Kind.URBAN_RURAL_GMINA, 50),
    (Organisation.Kind.URBAN_GMINA, 33),
    (Organisation.Kind.CITY_COUNTY, 5),
    (Organisation.Kind.ASSOCIATION, 7),
    (Organisation.Kind.INTERMUNICIPAL_UNION, 5),
)
THEMES = (
    ("Rewitalizacja", "Revitalisation"),
    ("Mobilność miejska", "Urban mobility"),
    ("Jakość powietrza", "Air quality"),
    ("Adaptacja do zmian klimatu", "Climate adaptation"),
    ("Mieszkalnictwo", "Housing"),
    ("Zielona infrastruktura", "Green infrastructure"),
    ("Transformacja energetyczna", "Energy transition"),
    ("Usługi publiczne", "Public services"),
    ("Partycypacja mieszkańców", "Citizen participation"),
    ("Gospodarka o obiegu zamkniętym", "Circular economy"),
    ("Cyfryzacja usług", "Digital services"),
    ("Srebrna gospodarka", "Silver economy"),
    ("Edukacja i kompetencje", "Education and skills"),
    ("Kultura w mieście", "Culture in the city"),
    ("Bezpieczeństwo publiczne", "Public safety"),
    ("Gospodarka wodna", "Water management"),
    ("Przedsiębiorczość lokalna", "Local entrepreneurship"),
    ("Turystyka zrównoważona", "Sustainable tourism"),
    ("Zdrowie publiczne", "Public health"),
    ("Integracja społeczna", "Social inclusion"),
    ("Przestrzeń publiczna", "Public space"),
    ("Współpraca metropolitalna", "Metropolitan cooperation"),
    ("Finanse lokalne", "Local finance"),
    ("Młodzież w mieście", "Youth in the city"),
)
FIRST_NAMES_F = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa",
    "Magdalena", "Joanna", "Aleksandra", "Zofia", "Monika", "Natalia", "Beata",
)  # fmt: skip
FIRST_NAMES_M = (
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Marcin",
    "Jakub", "Grzegorz", "Łukasz", "Adam", "Mariusz", "Wojciech", "Stanisław",
)  # fmt: skip
SURNAMES = (
    ("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"), ("Kowalczyk", "Kowalczyk"), ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"),
    ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska"),
    ("Pawłowski", "Pawłowska"), ("Michalski", "Michalska"), ("Zając", "Zając"),
)  # fmt: skip
NGOS = (
    "Stowarzyszenie Przyjaciół", "Fundacja Rozwoju", "Klub Sportowy",
    "Uniwersytet Trzeciego Wieku", "Rada Osiedla", "Spółdzielnia Mieszkaniowa",
    "Izba Gospodarcza", "Ochotnicza Straż Pożarna", "Koło Gospodyń Wiejskich",
    "Centrum Kultury", "Szkoła Podstawowa nr 3", "Lokalna Grupa Działania",
)  # fmt: skip
# Sentences of a MID or a Sheet; {m} is the city, {t} the network's theme.
SENTENCES = (
    "W {m} problem ten dotyczy przede wszystkim osiedli z lat 70., w których "
    "mieszka blisko jedna trzecia mieszkańców.",
    "Diagnoza opiera się na danych GUS, wynikach ankiety przeprowadzonej wśród "
    "1 240 mieszkańców oraz na spacerach badawczych z Lokalnym Partnerstwem.",
    "Temat „{t}” został wybrany, ponieważ łączy potrzeby mieszkańców z priorytetami "
    "strategii rozwoju miasta na lata 2021–2030.",
    "Najważniejszą przyczyną jest brak spójnego zarządzania przestrzenią między "
    "wydziałami urzędu i jednostkami miejskimi.",
    "Skutki widać w spadku liczby mieszkańców centrum, pustostanach i rosnących "
    "kosztach utrzymania infrastruktury.",
    "Lokalne Partnerstwo spotkało się osiem razy; w pracach uczestniczyły "
    "organizacje pozarządowe, przedsiębiorcy, rada seniorów i młodzieżowa rada miasta.",
    "Celem jest, aby do 2030 roku każdy mieszkaniec {m} miał w odległości 15 minut "
    "pieszo dostęp do podstawowych usług.",
    "Działania zostaną sfinansowane ze środków własnych, programu regionalnego oraz "
    "Krajowego Planu Odbudowy.",
    "Wskaźniki będą mierzone co roku, a wyniki omawiane na otwartym spotkaniu z "
    "mieszkańcami i publikowane w Biuletynie Informacji Publicznej.",
    "Ryzykiem jest wzrost kosztów robót budowlanych; ograniczymy je, dzieląc "
    "inwestycję na etapy i przygotowując rezerwę budżetową.",
    "Barierą na poziomie krajowym są przepisy, które nie pozwalają gminie łączyć "
    "środków z różnych programów w jednym przedsięwzięciu.",
    "Doświadczenia miast sieci pokazują, że najwięcej daje wczesne włączenie "
    "mieszkańców i jasny podział odpowiedzialności.",
    "Wizyta studyjna w mieście partnerskim pozwoliła poznać rozwiązania, które "
    "można przenieść do {m} przy niewielkich nakładach.",
    "Zespół zadaniowy w urzędzie tworzą przedstawiciele wydziałów strategii, "
    "inwestycji, ochrony środowiska i komunikacji społecznej.",
    "Harmonogram przewiduje trzy etapy: przygotowanie w pierwszym roku, pilotaż w "
    "drugim i upowszechnienie rozwiązania w trzecim.",
    "W konsultacjach społecznych wpłynęło 312 uwag, z których 147 uwzględniono w "
    "projekcie dokumentu.",
    "Szczególną uwagę poświęcamy osobom starszym i z niepełnosprawnościami, dla "
    "których bariery architektoniczne są najdotkliwsze.",
    "Monitoring prowadzi Wydział Strategii, a raz w roku ocenę przygotowuje "
    "niezależny ewaluator wskazany przez Lokalne Partnerstwo.",
    "Analiza pokazała, że podobne problemy mają inne miasta sieci „{t}”, co "
    "uzasadnia wspólną rekomendację dla ministerstwa.",
    "Projekt jest zgodny z gminnym programem rewitalizacji oraz ze studium "
    "uwarunkowań i kierunków zagospodarowania przestrzennego.",
    "Koszt całkowity szacujemy na 4,8 mln zł, z czego 15 procent stanowi wkład "
    "własny miasta.",
    "Miasto zobowiązuje się utrzymać efekty działań co najmniej przez pięć lat od "
    "zakończenia projektu.",
)
COMMENTS = (
    "Proszę uzupełnić dane źródłowe do tego akapitu.",
    "Czy ten wskaźnik ma wartość bazową? Bez niej trudno ocenić postęp.",
    "Dobrze opisane, ale warto dodać, kto odpowiada za realizację.",
    "Harmonogram wydaje się zbyt optymistyczny — proszę o komentarz.",
    "Sugeruję powiązać to działanie z barierą opisaną w sekcji o barierach.",
    "Uzupełnione, dziękuję za uwagę.",
    "Proszę doprecyzować źródło finansowania.",
    "Zgadzam się, poprawimy w kolejnej wersji.",
    "Czy Lokalne Partnerstwo opiniowało ten fragment?",
    "To dobra praktyka, warto ją pokazać innym miastom sieci.",
)
AUDIT_ACTIONS = (
    (AuditEvent.Action.DOCUMENT_STEP, 40),
    (AuditEvent.Action.MEMBERSHIP_GRANTED, 15),
    (AuditEvent.Action.INVITATION_SENT, 12),
    (AuditEvent.Action.INVITATION_ACCEPTED, 10),
    (AuditEvent.Action.ROLE_CHANGED, 4),
    (AuditEvent.Action.NETWORK_MEMBERSHIP_STARTED, 5),
    (AuditEvent.Action.EXPERT_ASSIGNED, 3),
    (AuditEvent.Action.LP_ACCOUNT_GIVEN, 4),
    (AuditEvent.Action.INVITATION_REVOKED, 2),
    (AuditEvent.Action.MEMBERSHIP_DEACTIVATED, 2),
    (AuditEvent.Action.MEMBERSHIP_REACTIVATED, 1),
    (AuditEvent.Action.EXPERT_UNASSIGNED, 1),
    (AuditEvent.Action.NETWORK_MEMBERSHIP_ENDED, 1),
)
MEETING_TITLES = {
    Meeting.Kind.JOINT: "Spotkanie wszystkich sieci — {e}",
    Meeting.Kind.NETWORK: "Spotkanie sieci „{t}” w {m}",
    Meeting.Kind.LOCAL_PARTNERSHIP: "Spotkanie Lokalnego Partnerstwa {m}",
}
AGENDA = (
    "Powitanie i przyjęcie porządku",
    "Postęp prac nad MID",
    "Warsztat: działania i wskaźniki",
    "Wizyta studyjna",
    "Wnioski i dalsze kroki",
)


# ---------------------------------------------------------------- COPY


_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _cell(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPE)
    return str(value).translate(_ESCAPE)


class _CopyStream:
    """A file-like object COPY reads from: rows are formatted only as they are
    read, so a table of millions of rows never sits in memory."""

    def __init__(self, rows: Iterable[Sequence[Any]]) -> None:
        self._rows = iter(rows)
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        lines: list[str] = []
        length = 0
        for row in self._rows:
            line = "\t".join([_cell(value) for value in row]) + "\n"
            lines.append(line)
            length += len(line)
            self.count += 1
            if length >= COPY_CHUNK:
                break
        return "".join(lines).encode()


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.column is None:
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return connection.ops.quote_name(field.column)


class _Writer:
    """Writes rows with primary keys assigned here, and remembers the tables so
    that their sequences can be moved past those keys at the end."""

    def __init__(self) -> None:
        self.tables: list[str] = []

    def copy(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        rows: Iterable[Sequence[Any]],
    ) -> int:
        table = model._meta.db_table
        columns = ", ".join(_column(model, name) for name in fields)
        stream = _CopyStream(rows)
        # Table and column names come from the models, never from input.
        sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor:
            cursor.copy_expert(sql, stream, COPY_CHUNK)
        if table not in self.tables:
            self.tables.append(table)
        return stream.count

    def bulk(self, objects: Sequence[models.Model]) -> int:
        """Small tables without auto_now fields: the ORM, with our keys."""
        if not objects:
            return 0
        model = type(objects[0])
        model._default_manager.bulk_create(objects, batch_size=2000)
        if model._meta.db_table not in self.tables:
            self.tables.append(model._meta.db_table)
        return len(objects)

    def reset_sequences(self) -> None:
        with connection.cursor() as cursor:
            for table in self.tables:
                quoted = connection.ops.quote_name(table)
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 - a model's table
                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {quoted}",
                    [quoted],
                )


# ---------------------------------------------------------------- state


@dataclass
class _Net:
    id: int
    edition: int  # index into _World.editions
    theme: int  # index into THEMES
    slug: str
    starts_on: datetime.date
    ends_on: datetime.date
    members: list[int] = field(default_factory=list)  # organisation ids, lead first


@dataclass(frozen=True)
class _Edition:
    id: int
    name: str
    slug: str
    starts_on: datetime.date
    ends_on: datetime.date


@dataclass
class _Doc:
    id: int
    kind: str
    network: _Net
    organisation: int | None
    templates: list[int]  # template ids, in order
    text: list[int]  # indexes (into templates) of the text sections
    first_section: int
    first_version: int  # first SectionVersion id
    first_snapshot: int  # first DocumentVersion id
    edits: list[int]  # per document version: the text section it changes
    state: str
    authors: list[int]
    created_at: datetime.datetime
    step: datetime.timedelta  # time between document versions

    def version_time(self, number: int) -> datetime.datetime:
        return self.created_at + self.step * number

    @property
    def finished_at(self) -> datetime.datetime:
        return self.version_time(len(self.edits)) + datetime.timedelta(hours=2)

    def current_versions(self) -> list[int]:
        """The SectionVersion id current in each text section at the end."""
        current = [self.first_version + j for j in range(len(self.text))]
        for k, section in enumerate(self.edits):
            current[section] = self.first_version + len(self.text) + k
        return current


@dataclass
class _World:
    figures: Figures
    rng: random.Random
    ministry: int = 0
    cities: list[int] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    editions: list[_Edition] = field(default_factory=list)
    themes: list[int] = field(default_factory=list)
    networks: list[_Net] = field(default_factory=list)
    staff: dict[int, list[int]] = field(default_factory=dict)  # org → active people
    coordinators: dict[int, list[int]] = field(default_factory=dict)
    ministry_staff: list[int] = field(default_factory=list)
    experts: dict[int, list[int]] = field(default_factory=dict)  # network → users
    lp_accounts: list[int] = field(default_factory=list)
    partnerships: list[tuple[int, int, _Net]] = field(default_factory=list)
    templates: dict[tuple[int, str], list[tuple[int, str]]] = field(
        default_factory=dict
    )  # (edition id, kind) → [(id, content)]
    documents: list[_Doc] = field(default_factory=list)
    bench_ministry: int = 1
    bench_lead: int = 2
    bench_expert: int = 3

    @property
    def latest(self) -> _Edition:
        return self.editions[-1]

    @property
    def bench_network(self) -> _Net:
        return next(n for n in self.networks if n.edition == len(self.editions) - 1)

    def people_of(self, organisation: int | None) -> list[int]:
        if organisation is None:
            return [self.bench_ministry]
        return self.staff.get(organisation) or [self.bench_ministry]

    def coordinator_of(self, organisation: int) -> int:
        found = self.coordinators.get(organisation)
        return found[0] if found else self.bench_ministry


def _at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=datetime.UTC
    )


def _weighted(rng: random.Random, table: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def bench_totp_secret(seed: int) -> str:
    """The bench ministry account's TOTP secret (base32), derived from the seed."""
    digest = hashlib.sha256(f"pim-scale-bench-{seed}".encode()).digest()
    return base64.b32encode(digest[:20]).decode()


def _person(rng: random.Random) -> str:
    surname_m, surname_f = rng.choice(SURNAMES)
    if rng.random() < 0.5:
        return f"{rng.choice(FIRST_NAMES_F)} {surname_f}"
    return f"{rng.choice(FIRST_NAMES_M)} {surname_m}"


def _paragraph(rng: random.Random) -> str:
    return "<p>" + " ".join(rng.choices(SENTENCES, k=rng.randint(2, 5))) + "</p>"


def _body(rng: random.Random, city: str, theme: str) -> str:
    """Polish prose of 1–4 KB."""
    return _fit(rng, [], rng.randint(MIN_BODY, MAX_BODY - 500), city, theme)


def _edit(rng: random.Random, body: str, city: str, theme: str) -> str:
    """The body with one paragraph rewritten, or one added: still 1–4 KB."""
    paragraphs = body.split("\n")
    if rng.random() < 0.5:
        paragraphs.pop(rng.randrange(len(paragraphs)))
    return _fit(rng, paragraphs, MIN_BODY, city, theme)


def _fit(
    rng: random.Random, paragraphs: list[str], target: int, city: str, theme: str
) -> str:
    """Adds paragraphs until `target` bytes, dropping the oldest past MAX_BODY."""
    size = len("\n".join(paragraphs).encode())
    while size < target or not paragraphs:
        new = _paragraph(rng).replace("{m}", city).replace("{t}", theme)
        paragraphs.append(new)
        size += len(new.encode()) + 1
        while size > MAX_BODY and len(paragraphs) > 1:
            size -= len(paragraphs.pop(0).encode()) + 1
    return "\n".join(paragraphs)


# ---------------------------------------------------------------- validation


def check_figures(figures: Figures) -> None:
    """Refuses figures the data set cannot be built from."""
    cities = figures.organisations - 1 - figures.organisations // 500
    problems = []
    if cities < 1:
        problems.append("at least 2 organisations (the ministry and a city)")
    if figures.editions < 1 or figures.networks < 1:
        problems.append("at least one edition and one network")
    if figures.mids < figures.networks:
        problems.append("at least one MID per network (its lead city)")
    elif cities >= 1 and -(-figures.mids // figures.networks) > cities:
        problems.append("no more MIDs per network than there are cities")
    if figures.versions < 1:
        problems.append("at least one document version per MID")
    if figures.users < _reserved_users(figures):
        problems.append(f"at least {_reserved_users(figures)} users")
    if figures.applications > cities * _call_themes(figures):
        problems.append("no more applications than cities × themes of the call")
    if (
        min(
            figures.lp_members,
            figures.meetings,
            figures.audit_events,
            figures.applications,
        )
        < 0
    ):
        problems.append("no negative figures")
    if problems:
        raise ScaleRefused("The figures need " + "; ".join(problems) + ".")


def _call_themes(figures: Figures) -> int:
    """Themes on offer in the call: the latest edition's, and a few more."""
    latest = -(-figures.networks // max(figures.editions, 1))
    return min(len(THEMES), max(MIN_CALL_THEMES, latest))


def _pools(figures: Figures) -> tuple[int, int, int]:
    """How many ministry staff, experts and LP accounts there are."""
    staff = max(2, figures.users // 1000)
    experts = max(1, figures.networks // 2)
    lp_accounts = min(figures.users // 50, figures.lp_members)
    return staff, experts, lp_accounts


def _reserved_users(figures: Figures) -> int:
    staff, experts, lp_accounts = _pools(figures)
    return 3 + staff + experts + lp_accounts


# ---------------------------------------------------------------- the steps


def _organisations(world: _World, writer: _Writer) -> int:
    rng, figures = world.rng, world.figures
    rows: list[Organisation] = [
        Organisation(
            id=1,
            name=MINISTRY_NAME,
            slug=MINISTRY_SLUG,
            kind=Organisation.Kind.MINISTRY,
        )
    ]
    world.ministry = 1
    experts = figures.organisations // 500
    for i in range(experts):
        rows.append(
            Organisation(
                id=2 + i,
                name=f"Instytut Rozwoju Miast i Regionów — zespół {i + 1}",
                slug=f"instytut-rozwoju-miast-{i + 1}",
                kind=Organisation.Kind.EXPERT_BODY,
            )
        )
    used_names: set[str] = set()
    used_slugs = {row.slug for row in rows}
    real = {v: list(cities) for v, (_, cities) in VOIVODESHIP_CITIES.items()}
    voivodeships = list(VOIVODESHIP_CITIES)
    for number in range(figures.organisations - len(rows)):
        pk = len(rows) + 1
        voivodeship = voivodeships[number % len(voivodeships)]
        (lat, lon), _cities = VOIVODESHIP_CITIES[voivodeship]
        if real[voivodeship]:
            seat = real[voivodeship].pop(0)
            kind = Organisation.Kind.CITY_COUNTY
            name = seat
        else:
            seat = rng.choice(ROOTS) + rng.choice(SUFFIXES)
            kind = _weighted(rng, CITY_KINDS)
            name = {
                Organisation.Kind.CITY_COUNTY: f"Miasto {seat}",
                Organisation.Kind.URBAN_GMINA: f"Gmina Miejska {seat}",
                Organisation.Kind.URBAN_RURAL_GMINA: f"Gmina {seat}",
                Organisation.Kind.ASSOCIATION: f"Stowarzyszenie Gmin Ziemi {seat}",
                Organisation.Kind.INTERMUNICIPAL_UNION: f"Związek Międzygminny {seat}",
            }[kind]
        if name in used_names:
            name = f"{name} ({voivodeship.label})"
        suffix = 2
        base = name
        while name in used_names:
            name, suffix = f"{base} {suffix}", suffix + 1
        used_names.add(name)
        slug = polish_slug(name)[:190]
        while slug in used_slugs:
            slug = f"{slug}-{pk}"
        used_slugs.add(slug)
        rows.append(
            Organisation(
                id=pk,
                name=name,
                slug=slug,
                kind=kind,
                voivodeship=voivodeship.value,
                seat=seat,
                latitude=Decimal(f"{lat + rng.uniform(-0.9, 0.9):.5f}"),
                longitude=Decimal(f"{lon + rng.uniform(-1.2, 1.2):.5f}"),
                teryt=f"{voivodeship.value}{pk % 100_000:05d}",
            )
        )
        world.cities.append(pk)
    world.names = {row.pk: row.name for row in rows}
    return writer.bulk(rows)


def _editions_and_networks(world: _World, writer: _Writer) -> int:
    """Editions one per year up to BASE; networks spread over them (the latest
    ones get the remainder) and over themes; members drawn per edition."""
    rng, figures = world.rng, world.figures
    first_year = BASE.year - figures.editions + 1
    editions = [
        Edition(
            id=i + 1,
            name=f"PIM {first_year + i}",
            slug=f"pim-{first_year + i}",
            starts_on=datetime.date(first_year + i, 2, 1),
            ends_on=datetime.date(first_year + i, 12, 15),
        )
        for i in range(figures.editions)
    ]
    world.editions = [
        _Edition(e.pk, e.name, e.slug, e.starts_on, e.ends_on) for e in editions
    ]
    themes = [
        Theme(id=i + 1, name_pl=pl, name_en=en, slug=polish_slug(pl))
        for i, (pl, en) in enumerate(THEMES)
    ]
    world.themes = [theme.pk for theme in themes]
    per_edition = [figures.networks // figures.editions] * figures.editions
    for i in range(figures.networks % figures.editions):
        per_edition[-1 - i] += 1
    networks: list[Network] = []
    net_id = 0
    for e, count in enumerate(per_edition):
        edition = world.editions[e]
        offset = rng.randrange(len(THEMES))
        for n in range(count):
            net_id += 1
            theme = (offset + n) % len(THEMES)
            round_ = n // len(THEMES)
            name_pl = THEMES[theme][0] + (f" {round_ + 1}" if round_ else "")
            name_en = THEMES[theme][1] + (f" {round_ + 1}" if round_ else "")
            slug = polish_slug(f"{name_pl} {edition.slug}")
            world.networks.append(
                _Net(net_id, e, theme, slug, edition.starts_on, edition.ends_on)
            )
            networks.append(
                Network(
                    id=net_id,
                    edition_id=edition.id,
                    theme_id=world.themes[theme],
                    name_pl=name_pl,
                    name_en=name_en,
                    slug=slug,
                    status=Network.Status.ACTIVE
                    if edition.ends_on >= BASE.date()
                    else Network.Status.CLOSED,
                    starts_on=edition.starts_on,
                    ends_on=edition.ends_on,
                )
            )
    # MIDs = memberships: network i gets mids // networks, the first ones one more.
    memberships: list[NetworkMembership] = []
    per_network = [figures.mids // figures.networks] * figures.networks
    for i in range(figures.mids % figures.networks):
        per_network[i] += 1
    for e in range(len(world.editions)):
        nets = [n for n in world.networks if n.edition == e]
        # Within an edition a city joins one network, while there are enough.
        pool: list[int] = []
        for net in nets:
            wanted = per_network[net.id - 1]
            members: list[int] = []
            while len(members) < wanted:
                if not pool:
                    pool = rng.sample(world.cities, len(world.cities))
                candidate = pool.pop()
                if candidate not in members:
                    members.append(candidate)
            net.members = members
            for position, organisation in enumerate(members):
                memberships.append(
                    NetworkMembership(
                        id=len(memberships) + 1,
                        network_id=net.id,
                        organisation_id=organisation,
                        role=NetworkMembership.Role.LEAD
                        if position == 0
                        else NetworkMembership.Role.PARTNER,
                        valid_from=net.starts_on,
                    )
                )
    return (
        writer.bulk(editions)
        + writer.bulk(themes)
        + writer.bulk(networks)
        + writer.bulk(memberships)
    )


def _users(world: _World, writer: _Writer, password: str | None) -> int:
    """Accounts (bench first), memberships with their roles, the role groups with
    the grants organisations/permissions.py and networks/permissions.py would
    give, and everyone's place in those groups."""
    rng, figures = world.rng, world.figures
    staff_count, expert_count, lp_count = _pools(figures)
    hashed = make_password(password) if password else UNUSABLE_PASSWORD
    joined = BASE - datetime.timedelta(days=365 * len(world.editions))
    users: list[tuple[Any, ...]] = []
    memberships: list[tuple[Any, ...]] = []

    def user(full_name: str, email: str, secret: str = UNUSABLE_PASSWORD) -> int:
        pk = len(users) + 1
        when = joined + datetime.timedelta(minutes=pk * 7)
        users.append((pk, secret, False, email, full_name, True, False, when))
        return pk

    def member(user_id: int, organisation: int, role: str, active: bool) -> None:
        pk = len(memberships) + 1
        when = joined + datetime.timedelta(minutes=user_id * 7 + 1)
        memberships.append((pk, user_id, organisation, role, active, when))
        if active:
            world.staff.setdefault(organisation, []).append(user_id)
            if role == Membership.Role.COORDINATOR:
                world.coordinators.setdefault(organisation, []).append(user_id)

    bench_lead_city = world.bench_network.members[0]
    user("Benchmark Ministerstwo", BENCH_MINISTRY, hashed)
    user("Benchmark Lider", BENCH_LEAD, hashed)
    user("Benchmark Ekspert", BENCH_EXPERT, hashed)
    member(world.bench_ministry, world.ministry, Membership.Role.COORDINATOR, True)
    member(world.bench_lead, bench_lead_city, Membership.Role.COORDINATOR, True)
    for i in range(staff_count):
        pk = user(_person(rng), f"pracownik.{i + 1}@ministerstwo.scale.example")
        role = Membership.Role.COORDINATOR if i == 0 else Membership.Role.OFFICER
        member(pk, world.ministry, role, True)
        if role == Membership.Role.OFFICER:
            world.ministry_staff.append(pk)
    expert_pool = [
        user(_person(rng), f"ekspert.{i + 1}@scale.example")
        for i in range(expert_count)
    ]
    world.lp_accounts = [
        user(_person(rng), f"mieszkaniec.{i + 1}@scale.example")
        for i in range(lp_count)
    ]
    slugs = {pk: polish_slug(name)[:40] for pk, name in world.names.items() if pk != 1}
    city_users = figures.users - len(users)
    for j in range(city_users):
        organisation = world.cities[j % len(world.cities)]
        position = j // len(world.cities)
        name = _person(rng)
        email = f"{polish_slug(name)}.{len(users) + 1}@{slugs[organisation]}"
        pk = user(name, f"{email}.scale.example")
        role = (
            Membership.Role.COORDINATOR
            if position in (0, 4)
            else Membership.Role.OFFICER
        )
        member(pk, organisation, role, position == 0 or rng.random() > 0.03)
    rows = writer.copy(
        User,
        (
            "id",
            "password",
            "is_superuser",
            "email",
            "full_name",
            "is_active",
            "is_staff",
            "date_joined",
        ),
        users,
    )
    rows += writer.copy(
        Membership,
        ("id", "user", "organisation", "role", "is_active", "created_at"),
        memberships,
    )
    rows += writer.copy(
        Authenticator,
        ("id", "user", "type", "data", "created_at"),
        [
            (
                1,
                world.bench_ministry,
                Authenticator.Type.TOTP,
                {"secret": encrypt(bench_totp_secret(figures.seed))},
                joined,
            )
        ],
    )

    # Experts: one (a few: two) per network, and the bench expert on every network
    # of the latest edition.
    experts: list[NetworkExpert] = []
    for net in world.networks:
        chosen = [expert_pool[(net.id - 1) % len(expert_pool)]]
        if rng.random() < 0.1 and len(expert_pool) > 1:
            chosen.append(expert_pool[net.id % len(expert_pool)])
        if net.edition == len(world.editions) - 1:
            chosen.append(world.bench_expert)
        world.experts[net.id] = chosen
        for expert in chosen:
            experts.append(
                NetworkExpert(
                    id=len(experts) + 1,
                    network_id=net.id,
                    user_id=expert,
                    valid_from=net.starts_on,
                )
            )
    rows += writer.bulk(experts)
    return rows + _groups(world, writer, memberships, experts)


def _groups(
    world: _World,
    writer: _Writer,
    memberships: list[tuple[Any, ...]],
    experts: list[NetworkExpert],
) -> int:
    """The rows role_group(), network_membership_grants_sync() and expert_group()
    write, in bulk: one group per organisation role, one expert group per network,
    their object permissions, and the people in them."""
    perms = {
        (p.content_type.app_label, p.codename): p.pk
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in=("organisations", "networks")
        )
    }
    groups: list[Group] = [
        Group(id=1, name=f"ministry:{Membership.Role.COORDINATOR}"),
        Group(id=2, name=f"ministry:{Membership.Role.OFFICER}"),
    ]
    role_groups: dict[tuple[int, str], int] = {
        (world.ministry, Membership.Role.COORDINATOR): 1,
        (world.ministry, Membership.Role.OFFICER): 2,
    }
    with_groups = set(world.staff) | {o for n in world.networks for o in n.members}
    with_groups |= {row[2] for row in memberships}
    with_groups.discard(world.ministry)
    for organisation in sorted(with_groups):
        for role in (Membership.Role.COORDINATOR, Membership.Role.OFFICER):
            groups.append(
                Group(id=len(groups) + 1, name=f"organisation:{organisation}:{role}")
            )
            role_groups[organisation, role] = len(groups)
    expert_groups: dict[int, int] = {}
    for net in world.networks:
        groups.append(Group(id=len(groups) + 1, name=f"network:{net.id}:expert"))
        expert_groups[net.id] = len(groups)
    rows = writer.bulk(groups)

    organisation_grants: list[OrganisationGroupObjectPermission] = []
    for organisation in sorted(with_groups):
        for role_name, codenames in ORGANISATION_ROLE_PERMISSIONS.items():
            for codename in codenames:
                organisation_grants.append(
                    OrganisationGroupObjectPermission(
                        id=len(organisation_grants) + 1,
                        permission_id=perms["organisations", codename],
                        group_id=role_groups[organisation, role_name],
                        content_object_id=organisation,
                    )
                )
    network_grants: list[NetworkGroupObjectPermission] = []

    def grant(codename: str, group: int, network: int) -> None:
        network_grants.append(
            NetworkGroupObjectPermission(
                id=len(network_grants) + 1,
                permission_id=perms["networks", codename],
                group_id=group,
                content_object_id=network,
            )
        )

    for net in world.networks:
        for position, organisation in enumerate(net.members):
            grant("view_workspace", role_groups[organisation, "coordinator"], net.id)
            grant("view_workspace", role_groups[organisation, "officer"], net.id)
            if position == 0:
                grant("lead_network", role_groups[organisation, "coordinator"], net.id)
        grant("view_workspace", expert_groups[net.id], net.id)
        grant("review_network", expert_groups[net.id], net.id)
    rows += writer.bulk(organisation_grants) + writer.bulk(network_grants)

    links: list[tuple[int, int, int]] = []
    for _pk, user_id, organisation, role, active, _when in memberships:
        if active:
            links.append((len(links) + 1, user_id, role_groups[organisation, role]))
    for expert in experts:
        links.append((len(links) + 1, expert.user_id, expert_groups[expert.network_id]))
    rows += writer.copy(User.groups.through, ("id", "user", "group"), links)
    # The ministry's groups hold global permissions: the project's own function sets
    # exactly the ones the role implies.
    ministry = Organisation.objects.get(pk=world.ministry)
    for role in (Membership.Role.COORDINATOR, Membership.Role.OFFICER):
        role_group(ministry, role)
    return rows


def _partnerships(world: _World, writer: _Writer) -> int:
    """A Local Partnership per city and network, and their members."""
    rng, figures = world.rng, world.figures
    clause = ConsentClause(
        id=1,
        version="2017-01",
        legal_basis=ConsentClause.LegalBasis.CONSENT,
        text="Administratorem danych osobowych członków Lokalnego Partnerstwa jest "
        "miasto. Dane przetwarzamy w celu prowadzenia prac Partnerstwa.",
        valid_from=world.editions[0].starts_on,
    )
    rows = writer.bulk([clause])
    partnerships: list[tuple[Any, ...]] = []
    for net in world.networks:
        closed = net.ends_on < BASE.date()
        for organisation in net.members:
            pk = len(partnerships) + 1
            world.partnerships.append((pk, organisation, net))
            status = (
                LocalPartnership.Status.ENDED
                if closed
                else rng.choice(
                    (LocalPartnership.Status.ACTIVE, LocalPartnership.Status.FORMING)
                )
            )
            partnerships.append(
                (
                    pk,
                    organisation,
                    net.id,
                    f"Lokalne Partnerstwo {world.names[organisation]} — "
                    f"{THEMES[net.theme][0]}",
                    rng.choice(LocalPartnership.Formula.values),
                    "Wspólne przygotowanie MID i włączenie mieszkańców.",
                    "Spotkania raz w miesiącu, decyzje przez konsensus.",
                    status,
                    net.ends_on if closed else None,
                    rng.random() < 0.4,
                    _at(net.starts_on + datetime.timedelta(days=10)),
                    1,
                )
            )
    rows += writer.copy(
        LocalPartnership,
        (
            "id",
            "organisation",
            "network",
            "name",
            "formula",
            "goals",
            "working_rules",
            "status",
            "ended_on",
            "is_public",
            "created_at",
            "version",
        ),
        partnerships,
    )
    total, count = figures.lp_members, len(world.partnerships)
    accounts = iter(world.lp_accounts)
    latest = len(world.editions) - 1

    def members() -> Iterator[tuple[Any, ...]]:
        for m in range(total):
            pk, _organisation, net = world.partnerships[m * count // total]
            first = m == 0 or (m - 1) * count // total != m * count // total
            person = rng.random() < 0.8
            name = _person(rng) if person else f"{rng.choice(NGOS)} {m + 1}"
            joined = net.starts_on + datetime.timedelta(days=rng.randint(10, 120))
            account = next(accounts, None) if net.edition == latest else None
            yield (
                m + 1,
                pk,
                PartnershipMember.Kind.PERSON
                if person
                else PartnershipMember.Kind.ORGANISATION,
                name,
                "" if person else name,
                rng.choice(Sector.values),
                PartnershipMember.Role.COORDINATOR
                if first
                else rng.choice(
                    (PartnershipMember.Role.MEMBER,) * 5
                    + (PartnershipMember.Role.OBSERVER,)
                ),
                f"czlonek.lp.{m + 1}@scale.example"
                if account is None
                else f"mieszkaniec.{account - world.lp_accounts[0] + 1}@scale.example",
                f"+48 600 {m % 1000:03d} {m // 1000 % 1000:03d}" if person else "",
                joined,
                joined + datetime.timedelta(days=200)
                if rng.random() < 0.05 and joined < BASE.date()
                else None,
                account,
                1,
                _at(joined),
            )

    return rows + writer.copy(
        PartnershipMember,
        (
            "id",
            "partnership",
            "kind",
            "name",
            "organisation_name",
            "sector",
            "role",
            "email",
            "phone",
            "joined_on",
            "left_on",
            "user",
            "consent_clause",
            "consent_given_at",
        ),
        members(),
    )


# Two optional sections the ministry added to the MID of every edition (as staff may
# through the templates page): a MID of 15 sections, as the benchmark's page asks.
ADDED_MID_SECTIONS = (
    Default(
        "communication",
        "Komunikacja z mieszkańcami",
        "Communication with residents",
        "Jak miasto informuje mieszkańców o działaniach i zbiera ich opinie.",
        required=False,
    ),
    Default(
        "sustainability",
        "Trwałość rezultatów",
        "Sustainability of results",
        "Co zostanie po zakończeniu działań i kto będzie za to odpowiadał.",
        required=False,
    ),
)


def _templates(world: _World, writer: _Writer) -> int:
    """The programme's default section templates for every edition, the MID's with
    the two sections the ministry added."""
    templates: list[SectionTemplate] = []
    for edition in world.editions:
        for kind in (Kind.SHEET, Kind.MID, Kind.PLAN):
            defaults = DEFAULTS[kind] + (ADDED_MID_SECTIONS if kind == Kind.MID else ())
            for position, default in enumerate(defaults):
                templates.append(
                    SectionTemplate(
                        id=len(templates) + 1,
                        edition_id=edition.id,
                        kind=kind,
                        key=default.key,
                        position=position,
                        name_pl=default.name_pl,
                        name_en=default.name_en,
                        guidance=default.guidance,
                        content=default.content,
                        required=default.required,
                    )
                )
                world.templates.setdefault((edition.id, kind), []).append(
                    (len(templates), default.content)
                )
    return writer.bulk(templates)


def _mid_state(rng: random.Random, latest: bool) -> str:
    if latest:
        return _weighted(
            rng,
            (
                (State.IN_REVIEW, 40),
                (State.DRAFT, 30),
                (State.CHANGES_REQUESTED, 15),
                (State.APPROVED, 15),
            ),
        )
    return _weighted(
        rng, ((State.PUBLISHED, 70), (State.ACCEPTED, 15), (State.APPROVED, 15))
    )


def _plan_documents(world: _World) -> None:
    """Decides every document's shape (ids, edits, state, times) once; the COPY
    passes below read it, so no body of text is ever held for long."""
    rng, figures = world.rng, world.figures
    latest = len(world.editions) - 1
    section = version = snapshot = 1
    bench = world.bench_network
    for net in world.networks:
        edition = world.editions[net.edition]
        docs: list[tuple[str, int | None]] = [(Kind.SHEET, None)]
        docs += [(Kind.MID, organisation) for organisation in net.members]
        for kind, organisation in docs:
            templates = world.templates[edition.id, kind]
            text = [
                i
                for i, (_pk, content) in enumerate(templates)
                if content == SectionTemplate.Content.RICH_TEXT
            ]
            count = figures.versions
            state: str
            if kind == Kind.SHEET:
                count = min(SHEET_VERSIONS, figures.versions)
                state = State.APPROVED if net.edition == latest else State.PUBLISHED
            elif net is bench and organisation == net.members[0]:
                state = State.IN_REVIEW
            else:
                state = _mid_state(rng, net.edition == latest)
            edits = [rng.randrange(len(text)) for _ in range(count)]
            created = _at(net.starts_on + datetime.timedelta(days=rng.randint(7, 20)))
            until = min(_at(net.ends_on), BASE) - datetime.timedelta(days=3)
            authors = (
                world.people_of(organisation)
                if organisation
                else world.people_of(net.members[0]) + world.experts[net.id][:1]
            )
            doc = _Doc(
                id=len(world.documents) + 1,
                kind=kind,
                network=net,
                organisation=organisation,
                templates=[pk for pk, _content in templates],
                text=text,
                first_section=section,
                first_version=version,
                first_snapshot=snapshot,
                edits=edits,
                state=state,
                authors=authors,
                created_at=created,
                step=(until - created) / (count + 2),
            )
            world.documents.append(doc)
            section += len(templates)
            version += len(text) + count
            snapshot += count


def _steps_to(state: str) -> list[tuple[str, str, str]]:
    """The workflow steps (name, from, to) that bring a draft to `state`."""
    path = {
        State.DRAFT: [],
        State.IN_REVIEW: ["submit"],
        State.CHANGES_REQUESTED: ["submit", "request_changes"],
        State.APPROVED: ["submit", "approve"],
        State.ACCEPTED: ["submit", "approve", "accept"],
        State.PUBLISHED: ["submit", "approve", "accept", "publish"],
    }[State(state)]
    targets = {
        "submit": State.IN_REVIEW,
        "request_changes": State.CHANGES_REQUESTED,
        "approve": State.APPROVED,
        "accept": State.ACCEPTED,
        "publish": State.PUBLISHED,
    }
    steps, source = [], str(State.DRAFT)
    for name in path:
        steps.append((name, source, str(targets[name])))
        source = str(targets[name])
    return steps


def _documents(world: _World, writer: _Writer) -> int:
    """Sheets and MIDs with their sections, append-only section versions (text of
    1–4 KB, each document version changing one section), document versions whose
    sections are the then-current versions, and the workflow history. One
    transaction: sections and versions point at each other."""
    _plan_documents(world)
    seed = world.figures.seed
    documents = world.documents

    def document_rows() -> Iterator[tuple[Any, ...]]:
        for doc in documents:
            last = doc.first_snapshot + len(doc.edits) - 1
            yield (
                doc.id,
                doc.kind,
                doc.network.id,
                doc.organisation,
                doc.state,
                len(doc.edits),
                last if doc.state == State.PUBLISHED else None,
                False,
                doc.created_at,
                doc.finished_at,
            )

    def section_rows() -> Iterator[tuple[Any, ...]]:
        for doc in documents:
            current = doc.current_versions()
            revisions = [1 + doc.edits.count(j) for j in range(len(doc.text))]
            for i, template in enumerate(doc.templates):
                text = doc.text.index(i) if i in doc.text else None
                yield (
                    doc.first_section + i,
                    doc.id,
                    template,
                    0 if text is None else revisions[text],
                    None if text is None else current[text],
                )

    def version_rows() -> Iterator[tuple[Any, ...]]:
        for doc in documents:
            # Each document's text has its own generator: a pass never depends on
            # how much text another document got.
            rng = random.Random(f"{seed}:{doc.id}")  # noqa: S311 - test data, not secrets
            city = world.names.get(doc.organisation or doc.network.members[0], "")
            theme = THEMES[doc.network.theme][0]
            bodies = [_body(rng, city, theme) for _ in doc.text]
            numbers = [1] * len(doc.text)
            for j, body in enumerate(bodies):
                yield (
                    doc.first_version + j,
                    doc.first_section + doc.text[j],
                    1,
                    body,
                    [],
                    doc.authors[j % len(doc.authors)],
                    doc.created_at + datetime.timedelta(minutes=j),
                    "",
                )
            for k, j in enumerate(doc.edits):
                bodies[j] = _edit(rng, bodies[j], city, theme)
                numbers[j] += 1
                yield (
                    doc.first_version + len(doc.text) + k,
                    doc.first_section + doc.text[j],
                    numbers[j],
                    bodies[j],
                    [],
                    doc.authors[(k + 1) % len(doc.authors)],
                    doc.version_time(k + 1) - datetime.timedelta(minutes=30),
                    "",
                )

    def snapshot_rows() -> Iterator[tuple[Any, ...]]:
        for doc in documents:
            for k in range(len(doc.edits)):
                submitted = k == len(doc.edits) - 1 and doc.state != State.DRAFT
                yield (
                    doc.first_snapshot + k,
                    doc.id,
                    k + 1,
                    DocumentVersion.Reason.SUBMITTED
                    if submitted
                    else DocumentVersion.Reason.SAVED,
                    "" if submitted else f"Wersja robocza {k + 1}",
                    State.DRAFT,
                    doc.authors[k % len(doc.authors)],
                    doc.version_time(k + 1),
                )

    def snapshot_section_rows() -> Iterator[tuple[int, int, int]]:
        pk = 0
        for doc in documents:
            current = [doc.first_version + j for j in range(len(doc.text))]
            for k, j in enumerate(doc.edits):
                current[j] = doc.first_version + len(doc.text) + k
                for version in current:
                    pk += 1
                    yield (pk, doc.first_snapshot + k, version)

    def transition_rows() -> Iterator[tuple[Any, ...]]:
        pk = 0
        for doc in documents:
            when = doc.version_time(len(doc.edits))
            for name, source, target in _steps_to(doc.state):
                pk += 1
                when += datetime.timedelta(hours=1)
                if name == "submit":
                    actor = (
                        world.coordinator_of(doc.organisation)
                        if doc.organisation
                        else world.coordinator_of(doc.network.members[0])
                    )
                elif name in ("approve", "request_changes"):
                    actor = world.experts[doc.network.id][0]
                else:
                    actor = world.bench_ministry
                yield (
                    pk,
                    doc.id,
                    name,
                    source,
                    target,
                    actor,
                    "Proszę uzupełnić diagnozę i wskaźniki."
                    if name == "request_changes"
                    else "",
                    doc.first_snapshot + len(doc.edits) - 1
                    if name == "submit"
                    else None,
                    when,
                )

    rows = writer.copy(
        Document,
        (
            "id",
            "kind",
            "network",
            "organisation",
            "state",
            "versions_made",
            "published_version",
            "consultation_open",
            "created_at",
            "last_activity_at",
        ),
        document_rows(),
    )
    rows += writer.copy(
        Section, ("id", "document", "template", "revision", "current"), section_rows()
    )
    rows += writer.copy(
        SectionVersion,
        ("id", "section", "number", "body", "records", "author", "created_at", "note"),
        version_rows(),
    )
    rows += writer.copy(
        DocumentVersion,
        (
            "id",
            "document",
            "number",
            "reason",
            "note",
            "state",
            "created_by",
            "created_at",
        ),
        snapshot_rows(),
    )
    rows += writer.copy(
        DocumentVersion.sections.through,
        ("id", "documentversion", "sectionversion"),
        snapshot_section_rows(),
    )
    return rows + writer.copy(
        Transition,
        (
            "id",
            "document",
            "name",
            "source",
            "target",
            "actor",
            "comment",
            "version",
            "created_at",
        ),
        transition_rows(),
    )


def bench_document(world: _World) -> _Doc:
    net = world.bench_network
    return next(
        d
        for d in world.documents
        if d.network is net and d.organisation == net.members[0]
    )


def _comments(world: _World, writer: _Writer) -> int:
    """A few threads on MIDs under review, and exactly BENCH_MID_COMMENTS on the
    bench MID (threads, replies, some resolved)."""
    rng = world.rng
    bench = bench_document(world)
    rows: list[tuple[Any, ...]] = []

    def thread(doc: _Doc, count: int, replies: int, resolved: int) -> None:
        current = doc.current_versions()
        when = doc.version_time(len(doc.edits)) + datetime.timedelta(hours=3)
        reviewers = world.experts[doc.network.id]
        if doc is bench:
            reviewers = [world.bench_expert]
        tops: list[tuple[int, int, int]] = []  # (id, section, version)
        for i in range(count):
            pk = len(rows) + 1
            is_reply = i >= count - replies and bool(tops)
            when += datetime.timedelta(minutes=rng.randint(5, 90))
            if is_reply:
                parent, section, version = rng.choice(tops)
                author = rng.choice(doc.authors)
            else:
                parent = None
                j = rng.randrange(len(doc.text))
                section, version = doc.first_section + doc.text[j], current[j]
                tops.append((pk, section, version))
                author = reviewers[i % len(reviewers)]
            done = not is_reply and len(tops) <= resolved
            rows.append(
                (
                    pk,
                    doc.id,
                    section,
                    parent,
                    version,
                    "" if is_reply or rng.random() < 0.5 else "Diagnoza opiera się",
                    rng.choice(COMMENTS),
                    author,
                    when,
                    when + datetime.timedelta(days=2) if done else None,
                    author if done else None,
                )
            )

    thread(bench, BENCH_MID_COMMENTS, replies=15, resolved=10)
    for doc in world.documents:
        if doc is bench or doc.kind != Kind.MID:
            continue
        if doc.state in (State.IN_REVIEW, State.CHANGES_REQUESTED, State.APPROVED):
            count = rng.randint(0, 4)
            if count:
                thread(doc, count, replies=count // 2, resolved=count // 3)
    return writer.copy(
        Comment,
        (
            "id",
            "document",
            "section",
            "parent",
            "section_version",
            "quote",
            "body",
            "author",
            "created_at",
            "resolved_at",
            "resolved_by",
        ),
        rows,
    )


def _meetings(world: _World, writer: _Writer) -> int:
    """Joint, network and Local Partnership meetings, over every edition."""
    rng, figures = world.rng, world.figures
    meetings: list[tuple[Any, ...]] = []
    agenda: list[tuple[Any, ...]] = []
    for m in range(figures.meetings):
        net = world.networks[m % len(world.networks)]
        edition = world.editions[net.edition]
        kind = _weighted(
            rng,
            (
                (Meeting.Kind.JOINT, 5),
                (Meeting.Kind.NETWORK, 35),
                (Meeting.Kind.LOCAL_PARTNERSHIP, 60),
            ),
        )
        host = world.ministry if kind == Meeting.Kind.JOINT else rng.choice(net.members)
        day = edition.starts_on + datetime.timedelta(
            days=rng.randrange((edition.ends_on - edition.starts_on).days)
        )
        starts = _at(day, rng.choice((9, 10, 12, 16, 17)))
        mode = _weighted(
            rng,
            (
                (Meeting.Mode.IN_PERSON, 60),
                (Meeting.Mode.ONLINE, 25),
                (Meeting.Mode.HYBRID, 15),
            ),
        )
        past = starts < BASE
        minutes_status = (
            Meeting.MinutesStatus.APPROVED
            if past and rng.random() < 0.8
            else Meeting.MinutesStatus.NONE
        )
        organiser = world.coordinator_of(host) if host != world.ministry else 1
        meetings.append(
            (
                m + 1,
                kind,
                MEETING_TITLES[kind].format(
                    e=edition.name, t=THEMES[net.theme][0], m=world.names[host]
                ),
                "Omówimy postęp prac i kolejne kroki.",
                edition.id,
                None if kind == Meeting.Kind.JOINT else net.id,
                host,
                starts,
                starts + datetime.timedelta(hours=rng.choice((2, 3, 4, 6))),
                mode,
                "" if mode == Meeting.Mode.ONLINE else f"Urząd, {world.names[host]}",
                ""
                if mode == Meeting.Mode.IN_PERSON
                else f"https://spotkania.scale.example/{m + 1}",
                rng.random() < 0.3,
                "Przyjęto porządek; omówiono postęp prac."
                if minutes_status == Meeting.MinutesStatus.APPROVED
                else "",
                minutes_status,
                organiser if minutes_status == Meeting.MinutesStatus.APPROVED else None,
                starts + datetime.timedelta(days=7)
                if minutes_status == Meeting.MinutesStatus.APPROVED
                else None,
                organiser,
                starts - datetime.timedelta(days=21),
                1,
            )
        )
        for position, title in enumerate(AGENDA[: rng.randint(2, len(AGENDA))]):
            agenda.append((len(agenda) + 1, m + 1, position + 1, title, 30, ""))
    rows = writer.copy(
        Meeting,
        (
            "id",
            "kind",
            "title",
            "description",
            "edition",
            "network",
            "host",
            "starts_at",
            "ends_at",
            "mode",
            "place",
            "online_link",
            "is_public",
            "minutes",
            "minutes_status",
            "minutes_approved_by",
            "minutes_approved_at",
            "created_by",
            "created_at",
            "version",
        ),
        meetings,
    )
    return rows + writer.copy(
        AgendaItem,
        ("id", "meeting", "position", "title", "duration_minutes", "presenter"),
        agenda,
    )


def _recruitment(world: _World, writer: _Writer) -> str:
    """The latest edition's call: its themes, questions, criteria, applications
    in every status, evaluator assignments and scores. Returns the call's slug."""
    rng, figures = world.rng, world.figures
    edition = world.latest
    year = edition.starts_on.year
    slug = f"nabor-{edition.slug}"
    opens = _at(datetime.date(year - 1, 10, 1))
    writer.copy(
        Call,
        (
            "id",
            "edition",
            "title",
            "slug",
            "description",
            "opens_at",
            "closes_at",
            "is_published",
            "eligible_kinds",
            "min_partners",
            "max_partners",
            "min_voivodeships",
            "one_network_per_city",
            "created_at",
        ),
        [
            (
                1,
                edition.id,
                f"Nabór do {edition.name}",
                slug,
                "Nabór miast do sieci tematycznych.",
                opens,
                opens + datetime.timedelta(days=60),
                True,
                "{"
                + ",".join(
                    k
                    for k in Organisation.Kind.values
                    if k
                    not in (Organisation.Kind.MINISTRY, Organisation.Kind.EXPERT_BODY)
                )
                + "}",
                5,
                30,
                3,
                True,
                opens - datetime.timedelta(days=30),
            )
        ],
    )
    nets = [n for n in world.networks if n.edition == len(world.editions) - 1]
    call_themes: list[CallTheme] = []
    seen: set[int] = set()
    for net in nets:
        if net.theme not in seen:
            seen.add(net.theme)
            call_themes.append(
                CallTheme(
                    id=len(call_themes) + 1,
                    call_id=1,
                    theme_id=world.themes[net.theme],
                    network_id=net.id,
                )
            )
    for theme in range(len(THEMES)):
        if len(call_themes) >= _call_themes(figures):
            break
        if theme not in seen:
            seen.add(theme)
            call_themes.append(
                CallTheme(
                    id=len(call_themes) + 1, call_id=1, theme_id=world.themes[theme]
                )
            )
    writer.bulk(call_themes)
    questions = [
        Question(
            id=i + 1,
            call_id=1,
            position=i + 1,
            text=text,
            kind=Question.Kind.LONG_TEXT,
            required=True,
        )
        for i, text in enumerate(
            (
                "Dlaczego miasto chce dołączyć do sieci?",
                "Jakie wyzwanie miasto chce podjąć?",
                "Kto będzie koordynatorem po stronie miasta?",
            )
        )
    ]
    writer.bulk(questions)
    criteria = [
        Criterion(
            id=i + 1,
            call_id=1,
            position=i + 1,
            name=name,
            scale_max=5,
            weight=Decimal(weight),
        )
        for i, (name, weight) in enumerate(
            (
                ("Trafność wyzwania", "2"),
                ("Gotowość organizacyjna", "1"),
                ("Zaangażowanie partnerów", "1"),
                ("Spójność ze strategią miasta", "1"),
            )
        )
    ]
    writer.bulk(criteria)
    pairs = rng.sample(
        range(len(world.cities) * len(call_themes)), figures.applications
    )
    applications: list[tuple[Any, ...]] = []
    answers: list[tuple[Any, ...]] = []
    assignments: list[tuple[Any, ...]] = []
    scores: list[tuple[Any, ...]] = []
    evaluators = world.ministry_staff or [world.bench_ministry]
    for a, pair in enumerate(pairs):
        organisation = world.cities[pair // len(call_themes)]
        theme = pair % len(call_themes) + 1
        status = _weighted(
            rng,
            (
                (Application.Status.SUBMITTED, 70),
                (Application.Status.DRAFT, 20),
                (Application.Status.WITHDRAWN, 10),
            ),
        )
        created = opens + datetime.timedelta(hours=rng.randint(1, 1000))
        submitted = (
            created + datetime.timedelta(hours=rng.randint(1, 400))
            if status != Application.Status.DRAFT
            else None
        )
        decision = ""
        if status == Application.Status.SUBMITTED and rng.random() < 0.4:
            decision = rng.choice(Application.Decision.values[1:])
        applications.append(
            (
                a + 1,
                1,
                organisation,
                theme,
                rng.choice(Track.values),
                status,
                1,
                submitted,
                None,
                decision,
                "Zgodnie z oceną ekspertów." if decision else "",
                opens + datetime.timedelta(days=90) if decision else None,
                world.coordinator_of(organisation),
                created,
            )
        )
        for question in questions:
            answers.append(
                (len(answers) + 1, a + 1, question.pk, rng.choice(SENTENCES), "", "")
            )
        if status != Application.Status.SUBMITTED:
            continue
        for evaluator in rng.sample(evaluators, min(2, len(evaluators))):
            done = rng.random() < 0.6
            values = [rng.randint(0, 5) for _ in criteria]
            weights = [Decimal(c.weight) for c in criteria]
            weighted = sum(
                (Decimal(v) * w for v, w in zip(values, weights, strict=True)),
                Decimal(0),
            )
            score = (weighted / (5 * sum(weights, Decimal(0))) * 100).quantize(
                Decimal("0.01")
            )
            assignments.append(
                (
                    len(assignments) + 1,
                    a + 1,
                    evaluator,
                    False,
                    "",
                    rng.choice(Application.Decision.values[1:]) if done else "",
                    "Wniosek kompletny." if done else "",
                    (submitted or opens) + datetime.timedelta(days=20)
                    if done
                    else None,
                    score if done else None,
                )
            )
            if done:
                for criterion, value in zip(criteria, values, strict=True):
                    scores.append(
                        (len(scores) + 1, len(assignments), criterion.pk, value, "")
                    )
    writer.copy(
        Application,
        (
            "id",
            "call",
            "organisation",
            "theme",
            "track",
            "status",
            "version",
            "submitted_at",
            "completion_until",
            "decision",
            "justification",
            "decided_at",
            "created_by",
            "created_at",
        ),
        applications,
    )
    writer.copy(
        Answer,
        ("id", "application", "question", "text", "file", "file_name"),
        answers,
    )
    writer.copy(
        Assignment,
        (
            "id",
            "application",
            "evaluator",
            "conflict_of_interest",
            "conflict_note",
            "recommendation",
            "comment",
            "submitted_at",
            "score",
        ),
        assignments,
    )
    writer.copy(Score, ("id", "assignment", "criterion", "value", "comment"), scores)
    return slug


def _audit(world: _World, writer: _Writer) -> int:
    """Audit events over the ten years before BASE, in time order (append-only)."""
    rng, figures = world.rng, world.figures
    total = figures.audit_events
    span = datetime.timedelta(days=3652)
    start = BASE - span
    users = figures.users
    organisations = figures.organisations
    networks = len(world.networks)
    actions = [a for a, _ in AUDIT_ACTIONS]
    weights = [w for _, w in AUDIT_ACTIONS]
    roles = Membership.Role.values

    def rows() -> Iterator[tuple[Any, ...]]:
        picks = rng.choices(actions, weights, k=min(total, 100_000))
        for i in range(total):
            action = picks[i % len(picks)]
            when = start + span * ((i + rng.random()) / total)
            organisation = rng.randint(1, organisations)
            network = (
                rng.randint(1, networks)
                if action.startswith(("document", "network", "expert"))
                else None
            )
            subject = None
            email = ""
            details: dict[str, Any] = {}
            if action == AuditEvent.Action.DOCUMENT_STEP:
                details = {
                    "document": rng.randint(1, len(world.documents)),
                    "step": "submit",
                }
            elif action.startswith("invitation"):
                email = f"osoba.{rng.randint(1, users)}@scale.example"
                details = {"role": rng.choice(roles)}
            elif action != AuditEvent.Action.NETWORK_MEMBERSHIP_STARTED:
                subject = rng.randint(1, users)
                details = {"role": rng.choice(roles)}
            yield (
                i + 1,
                when,
                None if rng.random() < 0.03 else rng.randint(1, users),
                action,
                organisation,
                network,
                subject,
                email,
                details,
                f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            )

    return writer.copy(
        AuditEvent,
        (
            "id",
            "created_at",
            "actor",
            "action",
            "organisation",
            "network",
            "subject",
            "subject_email",
            "details",
            "ip_address",
        ),
        rows(),
    )


# ---------------------------------------------------------------- the whole


COUNTED = (
    Organisation,
    Edition,
    Network,
    NetworkMembership,
    User,
    Membership,
    Group,
    NetworkExpert,
    LocalPartnership,
    PartnershipMember,
    Document,
    Section,
    SectionVersion,
    DocumentVersion,
    Comment,
    Meeting,
    Application,
    AuditEvent,
)


def table_counts() -> dict[str, int]:
    """Rows per table of the data set (exact counts, after ANALYZE)."""
    counts: dict[str, int] = {}
    through = DocumentVersion.sections.through
    for model in (*COUNTED, through, User.groups.through):
        counts[model._meta.db_table] = model._default_manager.count()
    return counts


def generate(
    figures: Figures,
    *,
    password: str | None = None,
    progress: Callable[[StepTiming], None] | None = None,
) -> ScaleResult:
    """Builds the data set into an empty database. Refuses (ScaleRefused) when
    the figures are impossible or organisations exist already."""
    check_figures(figures)
    if Organisation.objects.exists():
        raise ScaleRefused(
            "The database already holds organisations: generate_scale fills an "
            "empty database only (create a fresh one and migrate it)."
        )
    world = _World(figures=figures, rng=random.Random(figures.seed))  # noqa: S311 - test data, not secrets
    writer = _Writer()
    steps: list[StepTiming] = []
    call_slug = ""

    def run(name: str, action: Callable[[], int]) -> None:
        started = time.monotonic()
        # One transaction per step: the deferred foreign-key checks of a step run
        # at its commit, and never pile up for the whole data set.
        with transaction.atomic():
            rows = action()
        steps.append(StepTiming(name, time.monotonic() - started, rows))
        if progress:
            progress(steps[-1])

    def recruitment() -> int:
        nonlocal call_slug
        call_slug = _recruitment(world, writer)
        return figures.applications

    def finish() -> int:
        writer.reset_sequences()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return 0

    run("organisations", lambda: _organisations(world, writer))
    run("editions and networks", lambda: _editions_and_networks(world, writer))
    run("users, roles and permissions", lambda: _users(world, writer, password))
    run("local partnerships", lambda: _partnerships(world, writer))
    run("section templates", lambda: _templates(world, writer))
    run("documents and versions", lambda: _documents(world, writer))
    run("comments", lambda: _comments(world, writer))
    run("meetings", lambda: _meetings(world, writer))
    run("recruitment", recruitment)
    run("audit events", lambda: _audit(world, writer))
    run("sequences and ANALYZE", finish)
    return ScaleResult(
        steps=steps,
        counts=table_counts(),
        bench=BenchTargets(
            network_slug=world.bench_network.slug,
            document_id=bench_document(world).id,
            call_slug=call_slug,
            totp_secret=bench_totp_secret(figures.seed),
        ),
    )
