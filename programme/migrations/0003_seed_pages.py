"""The programme's pages a fresh install starts with: "about" from the programme's
own public text, privacy and cookies, a few questions, a first news item and the
accessibility declaration. The ministry edits them in the portal; each edit is a new
version, so these stay as version 1 of each."""

import datetime

from django.conf import settings
from django.db import migrations
from django.utils import timezone

ABOUT_PL = """
<p>Jednym z celów Strategii na Rzecz Odpowiedzialnego Rozwoju (SOR) jest rozwój
społecznie wrażliwy i terytorialnie zrównoważony. W ramach tego celu problematyka
rozwoju miast zajmuje bardzo ważne miejsce. SOR wskazuje między innymi na potrzebę
zwiększenia komplementarności polityk mających wpływ na rozwój obszarów miejskich oraz
wzmacniania współpracy i wymiany wiedzy między miastami różnej wielkości i na różnych
szczeblach zarządzania. Partnerska Inicjatywa Miast wychodzi naprzeciw tym
wyzwaniom.</p>
<h2>Główne założenia</h2>
<p>Partnerska Inicjatywa Miast (PIM) to program wymiany i promocji wiedzy pomiędzy
miastami oraz innymi podmiotami zaangażowanymi w kształtowanie i realizację polityki
miejskiej w zakresie prowadzenia przez miasta zintegrowanej polityki miejskiej. PIM
jest odpowiedzią na zgłaszaną przez samorządy potrzebę wymiany wiedzy i doświadczeń
oraz pozyskiwania pomysłów na wzmacnianie potencjału rozwojowego polskich miast.</p>
<p>Współpraca w ramach PIM polega również na sieciowaniu krajowych i europejskich
działań z zakresu rozwoju miast, w szczególności w odniesieniu do udziału w Programie
URBACT oraz realizacji Agendy Miejskiej UE.</p>
<h2>Cele</h2>
<p>Celem głównym inicjatywy jest poprawa warunków rozwojowych oraz wspomaganie
zintegrowanego i zrównoważonego rozwoju polskich miast, w tym w zakresie rozwiązań
przydatnych do poprawy efektywności zarządzania.</p>
<p>Cele szczegółowe:</p>
<ul>
<li>wzmocnienie i zachęcanie do partnerskiej współpracy i wymiany wiedzy,</li>
<li>podniesienie kompetencji kadr,</li>
<li>kapitalizacja wiedzy i wypracowanie oddolnych propozycji rozwiązań
systemowych,</li>
<li>upowszechnianie zasad partycypacji społecznej w zarządzaniu miastami,</li>
<li>włączenie miast w realizację celów krajowych i europejskich.</li>
</ul>
<h2>Zasady działania i produkty</h2>
<p>Podstawowy mechanizm wdrożeniowy to sieci tematyczne zrzeszające grupę miast (jako
podstawowych uczestników) i pozostałych interesariuszy działań miejskich w celu
rozpoznania i przeanalizowania dobrych praktyk i innowacyjnych rozwiązań. Każda sieć
wypracowuje główne produkty programu:</p>
<h3>Fiszka sieci</h3>
<p>Dokument opracowany w pierwszym półroczu przez miasto-lidera we współpracy
z miastami partnerskimi oraz ekspertem tematycznym sieci. Określa główne problemy,
cele i działania służące ich realizacji oraz harmonogram prac całej sieci — jest
„mapą drogową” jej działań.</p>
<h3>Lokalne Partnerstwo (LP)</h3>
<p>Powoływane przez każde miasto będące członkiem sieci. Zrzesza (w formule otwartej
lub zamkniętej) przedstawicieli samorządu, partnerów społeczno-gospodarczych oraz
mieszkańców w celu wspólnego zdefiniowania lokalnych problemów i wytyczenia ścieżki
ich rozwiązania w ramach Miejskiej Inicjatywy Działania.</p>
<h3>Miejska Inicjatywa Działania (MID)</h3>
<p>Dokument opracowywany przez każde miasto sieci wraz z Lokalnym Partnerstwem,
w wyniku procesu partycypacyjnego. Określa ścieżkę dojścia do rozwiązania problemu
zdiagnozowanego w mieście oraz konkretne propozycje działań i projektów.</p>
<h3>Plan Ulepszeń (PU)</h3>
<p>Opracowywany wspólnie przez miasta sieci oraz eksperta tematycznego. Zawiera
rekomendacje dla polityk krajowych powiązanych z tematem sieci (w tym dotyczące
kwestii prawnych i finansowych), oparte na doświadczeniach wszystkich miast sieci.</p>
<h2>Edycja pilotażowa</h2>
<p>W latach 2017–2019 działały trzy sieci tematyczne: Rewitalizacja, Mobilność
miejska i Jakość powietrza. Do naboru zgłosiło się ponad 105 miast; do udziału
wybrano 34 miasta i związki JST. Odbyły się 4 wspólne spotkania wszystkich miast,
16 spotkań sieciowych w ponad 20 miastach oraz kilkadziesiąt spotkań Lokalnych
Partnerstw.</p>
<h2>Dokumenty</h2>
<p>Zasady Realizacji PIM oraz Podręcznik tworzenia LP i MID są dostępne
w <a href="/materialy/">bibliotece materiałów</a>.</p>
"""

ABOUT_EN = """
<p>The City Partnership Initiative (Partnerska Inicjatywa Miast, PIM) is a programme
of the ministry responsible for regional policy for exchanging and promoting knowledge
among cities and others who shape urban policy, in support of integrated urban
development. It grew out of the cities' own call for sharing knowledge and
experience.</p>
<h2>Goals</h2>
<p>The main goal is to improve the conditions for the integrated and sustainable
development of Polish cities, including ways to manage them better.</p>
<ul>
<li>partnership and the exchange of knowledge,</li>
<li>the skills of city staff,</li>
<li>bottom-up proposals for national solutions,</li>
<li>residents' participation in running cities,</li>
<li>cities' part in national and European goals.</li>
</ul>
<h2>How it works</h2>
<p>Cities work in thematic networks. Each network writes a Network Sheet (its road
map), each city forms a Local Partnership and writes a City Action Initiative with
it, and the network writes an Improvement Plan with recommendations for national
policy.</p>
<h2>Documents</h2>
<p>The programme's rules and the handbook for Local Partnerships and City Action
Initiatives are in the <a href="/materialy/">materials library</a>.</p>
"""

PRIVACY_PL = """
<h2>Kto przetwarza dane</h2>
<p>Administratorem danych osobowych przetwarzanych w portalu Partnerskiej Inicjatywy
Miast jest minister właściwy do spraw rozwoju regionalnego. Dane osób pracujących
w miastach i ekspertów przetwarzamy, aby prowadzić program: sieci, nabory, dokumenty
i spotkania. Dane członków Lokalnych Partnerstw przetwarzamy na podstawie ich zgody,
zgodnie z klauzulą informacyjną pokazaną przy zgłoszeniu.</p>
<h2>Pliki cookies</h2>
<p>Portal używa wyłącznie plików cookies niezbędnych do jego działania. Nie używamy
cookies analitycznych ani reklamowych i nie przekazujemy danych o odwiedzinach
nikomu.</p>
<table>
<caption>Pliki cookies portalu</caption>
<thead><tr><th scope="col">Nazwa</th><th scope="col">Do czego służy</th><th scope="col">Jak długo</th></tr></thead>
<tbody>
<tr><td>sessionid</td><td>utrzymuje zalogowanie</td><td>do wylogowania lub wygaśnięcia sesji</td></tr>
<tr><td>csrftoken</td><td>chroni formularze przed podszyciem się pod Ciebie</td><td>rok</td></tr>
<tr><td>django_language</td><td>zapamiętuje wybrany język</td><td>do zamknięcia przeglądarki lub zmiany języka</td></tr>
</tbody>
</table>
<p>Możesz usunąć cookies lub zablokować je w ustawieniach przeglądarki; bez
sessionid i csrftoken nie da się jednak zalogować ani wysłać formularza.</p>
<h2>Twoje prawa</h2>
<p>Masz prawo dostępu do swoich danych, ich sprostowania, usunięcia lub ograniczenia
przetwarzania, wniesienia sprzeciwu, cofnięcia zgody w dowolnym momencie oraz
wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych.</p>
"""

PRIVACY_EN = """
<h2>Who processes the data</h2>
<p>The controller of the personal data processed in the City Partnership Initiative
portal is the minister responsible for regional development. The data of city staff
and experts are processed to run the programme; the data of Local Partnership
members on the basis of their consent, as the information clause shown when they
join says.</p>
<h2>Cookies</h2>
<p>The portal uses only the cookies it needs to work: <strong>sessionid</strong>
(keeps you signed in), <strong>csrftoken</strong> (protects forms) and
<strong>django_language</strong> (remembers the language you chose). No analytics or
advertising cookies are used.</p>
<h2>Your rights</h2>
<p>You have the right to access, correct or erase your data, to restrict or object
to their processing, to withdraw consent at any time and to complain to the
President of the Personal Data Protection Office (UODO).</p>
"""

FAQ = [
    (
        "Kto może wziąć udział w programie?",
        "<p>Miasta i inne jednostki samorządu terytorialnego oraz ich związki, które "
        "zgłoszą się w naborze ogłoszonym przez ministerstwo. Kto może się zgłosić do "
        "danego naboru, opisuje strona naboru.</p>",
        "Who may take part in the programme?",
        "<p>Cities, other local governments and their unions that apply in a call "
        "the ministry opens. Each call's page says who may apply to it.</p>",
    ),
    (
        "Czym jest sieć tematyczna?",
        "<p>Grupą miast pracujących razem nad jednym tematem (na przykład "
        "rewitalizacją) pod przewodnictwem miasta-lidera i z pomocą eksperta "
        "tematycznego.</p>",
        "What is a thematic network?",
        "<p>A group of cities working together on one theme (regeneration, for "
        "example), led by a lead city and helped by a thematic expert.</p>",
    ),
    (
        "Jak założyć konto w portalu?",
        "<p>Konta zakłada się wyłącznie przez zaproszenie: pracowników miasta "
        "zaprasza koordynator miasta, koordynatorów i ekspertów — ministerstwo. "
        "Zaproszenie przychodzi e-mailem.</p>",
        "How do I get an account?",
        "<p>Only by invitation: a city's coordinator invites the city's staff; the "
        "ministry invites coordinators and experts. The invitation comes by "
        "e-mail.</p>",
    ),
    (
        "Jak dołączyć do Lokalnego Partnerstwa?",
        "<p>Na stronie sieci wybierz swoje miasto i wypełnij zgłoszenie do "
        "Lokalnego Partnerstwa. Koordynator miasta przyjmuje zgłoszenia.</p>",
        "How do I join a Local Partnership?",
        "<p>On the network's page, choose your city and fill in the request to join "
        "its Local Partnership. The city's coordinator accepts requests.</p>",
    ),
    (
        "Gdzie zgłosić problem z dostępnością portalu?",
        "<p>Dane kontaktowe i procedurę opisuje "
        '<a href="/deklaracja-dostepnosci/">deklaracja dostępności</a>.</p>',
        "Where do I report an accessibility problem?",
        "<p>The <a href=\"/deklaracja-dostepnosci/\">accessibility declaration</a> "
        "gives the contact details and the procedure.</p>",
    ),
]

NEWS = (
    "portal-partnerskiej-inicjatywy-miast",
    "Portal Partnerskiej Inicjatywy Miast",
    "<p>Sieci, miasta, Lokalne Partnerstwa, nabory, dokumenty i spotkania programu "
    "są teraz w jednym portalu. Aktualności można śledzić także w czytniku kanałów "
    "(RSS i Atom).</p>",
    "The City Partnership Initiative portal",
    "<p>The programme's networks, cities, Local Partnerships, calls, documents and "
    "meetings are now in one portal. The news can also be followed in a feed reader "
    "(RSS and Atom).</p>",
)

DECLARATION = {
    "entity_name": "Ministerstwo Funduszy i Polityki Regionalnej",
    "site_name": "Portalu Partnerskiej Inicjatywy Miast",
    "status": "partial",
    "non_accessible": (
        "<ul><li>Niektóre pliki do pobrania (materiały i załączniki dodawane przez "
        "miasta i ekspertów) mogą nie być w pełni dostępne cyfrowo.</li>"
        "<li>Mapa sieci na stronie głównej jest uzupełniona listą miast; sama mapa "
        "nie jest dostępna dla czytników ekranu.</li></ul>"
    ),
    "exemptions": (
        "<p>Pliki opublikowane przed 23 września 2018 r. (materiały edycji "
        "pilotażowej), o ile nie są niezbędne do realizacji bieżących zadań.</p>"
    ),
    "assessment": "self",
    "assessor": "",
    "keyboard_shortcuts": "",
    "contact_person": "Koordynator do spraw dostępności ministerstwa",
    "contact_email": "dostepnosc@mfipr.gov.pl",
    "contact_phone": "+48 22 273 70 00",
    "architecture": (
        "<p>Siedziba ministerstwa: ul. Wspólna 2/4, 00-926 Warszawa. Do budynku "
        "prowadzi wejście z poziomu chodnika, dostępne dla osób na wózkach; w "
        "budynku są windy i toaleta dostosowana do potrzeb osób z "
        "niepełnosprawnościami. Do budynku można wejść z psem asystującym. Przy "
        "wejściu działa punkt informacyjny.</p>"
    ),
    "sign_language": (
        "<p>Osoby, które chcą skorzystać z tłumacza języka migowego, prosimy o "
        "zgłoszenie tego co najmniej 3 dni robocze przed wizytą.</p>"
    ),
}


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    page_model = apps.get_model("programme", "Page")
    version_model = apps.get_model("programme", "PageVersion")
    declaration_model = apps.get_model("programme", "DeclarationVersion")
    # The install's own address (the ministry corrects it if it differs).
    base_url = settings.PORTAL_BASE_URL.rstrip("/") + "/"
    now = timezone.now()
    today = datetime.date.today()

    def add(kind, slug, title, body, title_en, body_en):  # type: ignore[no-untyped-def]
        if page_model.objects.filter(slug=slug).exists():
            return
        page = page_model.objects.create(kind=kind, slug=slug, published_at=now)
        version_model.objects.create(
            page=page,
            number=1,
            title=title,
            body=body.strip(),
            title_en=title_en,
            body_en=body_en.strip(),
            is_published=True,
        )

    add("about", "o-programie", "O programie", ABOUT_PL, "About the programme", ABOUT_EN)
    add(
        "privacy",
        "prywatnosc",
        "Prywatność i pliki cookies",
        PRIVACY_PL,
        "Privacy and cookies",
        PRIVACY_EN,
    )
    for number, (title, body, title_en, body_en) in enumerate(FAQ, start=1):
        add("faq", f"pytanie-{number}", title, body, title_en, body_en)
    add("news", *NEWS)
    if not declaration_model.objects.exists():
        declaration_model.objects.create(
            number=1,
            site_url=base_url,
            site_published_on=today,
            site_updated_on=today,
            prepared_on=today,
            reviewed_on=today,
            is_published=True,
            **DECLARATION,
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_append_only")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
