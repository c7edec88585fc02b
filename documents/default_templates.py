"""The programme's default section templates (../shared/docs/DOMAIN.md), used for an
edition until ministry staff change them."""

from typing import NamedTuple

from documents.models import Kind, SectionTemplate

C = SectionTemplate.Content


class Default(NamedTuple):
    key: str
    name_pl: str
    name_en: str
    guidance: str
    content: str = C.RICH_TEXT
    required: bool = True


DEFAULTS: dict[str, tuple[Default, ...]] = {
    Kind.SHEET: (
        Default(
            "identity",
            "Tożsamość sieci",
            "Identity of the network",
            "Temat, edycja, miasto wiodące, partnerzy i ekspert — uzupełniane "
            "automatycznie.",
            C.RECORD_CARD,
        ),
        Default(
            "problems",
            "Wspólne problemy",
            "Common problems",
            "Jakie problemy łączą miasta sieci? Opisz je konkretnie, z danymi.",
        ),
        Default(
            "goals",
            "Cele i oczekiwane produkty",
            "Goals and expected products",
            "Co sieć chce osiągnąć i jakie produkty powstaną (MID, Plan Ulepszeń…).",
        ),
        Default(
            "blocks",
            "Bloki tematyczne i kluczowe działania",
            "Thematic blocks and key actions",
            "Wizyty studyjne, warsztaty i inne działania w blokach tematycznych.",
        ),
        Default(
            "schedule",
            "Harmonogram spotkań i terminy produktów",
            "Schedule of meetings and deliverable deadlines",
            "Spotkania sieciowe goszczone przez miasta członkowskie i terminy "
            "oddania produktów.",
            C.SCHEDULE,
        ),
        Default(
            "roles",
            "Role i odpowiedzialność",
            "Roles and responsibilities",
            "Kto za co odpowiada: miasto wiodące, partnerzy, ekspert.",
        ),
        Default(
            "cities",
            "Krótka charakterystyka miast",
            "A snapshot of each city",
            "Dla każdego miasta: problem lokalny, planowana formuła LP, istniejące "
            "strategie.",
        ),
        Default(
            "risks",
            "Ryzyka",
            "Risks",
            "Co może zagrozić pracy sieci i jak temu zapobiec.",
        ),
    ),
    Kind.MID: (
        Default(
            "record",
            "Metryka",
            "Record card",
            "Miasto, sieć, edycja, LP, koordynator, wersja, status — uzupełniane "
            "automatycznie.",
            C.RECORD_CARD,
        ),
        Default(
            "challenge",
            "Wybrane wyzwanie",
            "The chosen challenge",
            "Wyzwanie, które miasto podejmuje w ramach tematu sieci.",
        ),
        Default(
            "diagnosis",
            "Diagnoza",
            "Diagnosis",
            "Dane, przyczyny i skutki (drzewo problemów).",
        ),
        Default(
            "strategies",
            "Powiązania ze strategiami lokalnymi",
            "Links to local strategies and plans",
            "Na jakich istniejących strategiach i planach MID się opiera.",
        ),
        Default(
            "vision",
            "Wizja i cele",
            "Vision and objectives",
            "Dokąd miasto zmierza i jakie cele stawia.",
        ),
        Default(
            "path",
            "Ścieżka dojścia do rozwiązania",
            "The path to the solution",
            "Jak miasto doszło do wybranych działań.",
        ),
        Default(
            "actions",
            "Tabela działań",
            "Action table",
            "Każde działanie z właścicielem, partnerami, terminami, kosztem, źródłem "
            "finansowania, wskaźnikami i ryzykami.",
            C.ACTIONS,
        ),
        Default("schedule", "Harmonogram", "Schedule", "Kolejność i terminy działań."),
        Default(
            "stakeholders",
            "Interesariusze i udział LP",
            "Stakeholders and the LP's participation",
            "Kto brał udział i jak Lokalne Partnerstwo współtworzyło MID.",
        ),
        Default(
            "monitoring",
            "Monitoring i ewaluacja",
            "Monitoring and evaluation",
            "Jak miasto będzie śledzić postępy i oceniać efekty.",
        ),
        Default("risks", "Ryzyka", "Risks", "Ryzyka i sposoby ich ograniczania."),
        Default(
            "barriers",
            "Bariery systemowe na poziomie krajowym",
            "Systemic barriers at national level",
            "Bariery prawne, finansowe, organizacyjne lub kompetencyjne, które "
            "trafią do Planu Ulepszeń.",
        ),
        Default(
            "annexes",
            "Załączniki",
            "Annexes",
            "Spis załączników i odnośniki.",
            required=False,
        ),
    ),
    Kind.PLAN: (
        Default(
            "context",
            "Kontekst i metoda",
            "Context and method",
            "Jak sieć doszła do rekomendacji: źródła, MID-y, dyskusje.",
        ),
        Default(
            "recommendations",
            "Rekomendacje",
            "Recommendations",
            "Każda rekomendacja z barierą, dowodami z MID-ów, proponowaną zmianą, "
            "typem, adresatem, priorytetem i oczekiwanym efektem.",
            C.RECOMMENDATIONS,
        ),
        Default(
            "good_practices",
            "Dobre praktyki",
            "Good practices",
            "Dobre praktyki znalezione w miastach sieci.",
            C.GOOD_PRACTICES,
        ),
        Default(
            "implementation",
            "Wdrażanie i dalsze kroki",
            "Implementation and next steps",
            "Kto i kiedy powinien podjąć rekomendacje.",
            required=False,
        ),
    ),
}
