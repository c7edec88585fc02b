"""Polish names, places and sentences the data set is written in."""

from __future__ import annotations

from audit.models import AuditEvent
from meetings.models import Meeting
from organisations.models import (
    Organisation,
    Voivodeship,
)

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
