"""Permission-matrix entries for the programme's editions and themes (merged into
networks/tests/matrix.py): the ministry's staff see them, its admin changes them;
everyone else gets 404, as for a missing page. The world's edition is the pilot's
("pim-2017-2019-pilot"), its themes the pilot's three."""

from tests.support.matrix import Case, only, post, to

PILOT = "pim-2017-2019-pilot"
SEE = only({"ministry_admin": 200, "ministry_staff": 200})
CHANGE = only({"ministry_admin": 200})
CHANGED = only({"ministry_admin": 302})
EDITION = {
    "name": "PIM 2026–2028",
    "name_en": "PIM 2026–2028",
    "starts_on": "2026-01-01",
    "ends_on": "2028-12-31",
}

MATRIX: dict[str, list[Case]] = {
    "networks:editions": [Case(to("networks:editions"), SEE)],
    "networks:edition_create": [
        Case(to("networks:edition_create"), CHANGE),
        post(to("networks:edition_create"), CHANGED, **EDITION),
    ],
    "networks:edition_edit": [
        Case(to("networks:edition_edit", PILOT), CHANGE),
        post(
            to("networks:edition_edit", PILOT),
            CHANGED,
            name="PIM 2017–2019 (pilotaż)",
            starts_on="2017-10-01",
            ends_on="2019-06-30",
            is_current="on",
        ),
        Case(to("networks:edition_edit", "brak-edycji"), only({})),
    ],
    "networks:edition_prepare": [
        Case(to("networks:edition_prepare", PILOT), CHANGE),
        post(to("networks:edition_prepare", PILOT), CHANGED, **EDITION),
        Case(to("networks:edition_prepare", "brak-edycji"), only({})),
    ],
    "networks:themes": [Case(to("networks:themes"), SEE)],
    "networks:theme_create": [
        Case(to("networks:theme_create"), CHANGE),
        post(to("networks:theme_create"), CHANGED, name_pl="Miasto cyfrowe"),
    ],
    "networks:theme_edit": [
        Case(to("networks:theme_edit", "rewitalizacja"), CHANGE),
        post(
            to("networks:theme_edit", "rewitalizacja"),
            CHANGED,
            name_pl="Rewitalizacja miast",
            description="Odnowa dzielnic.",
        ),
        Case(to("networks:theme_edit", "brak-tematu"), only({})),
    ],
}
