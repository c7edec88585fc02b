"""The member map, drawn by the portal itself: no tile server, no map library, no
request leaves the page. Coordinates are WGS84 degrees; the drawing is SVG user
units (y grows southwards)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from networks.models import NetworkMembership
    from networks.selectors import NetworkPage

# The frame drawn: Poland with a small margin on every side.
WEST, EAST = 14.0, 24.3
SOUTH, NORTH = 48.9, 55.0
# Equirectangular projection true to scale at 52°N, the middle of the country: a
# degree of longitude there is cos(52°) ≈ 0.62 of a degree of latitude. Over
# Poland's six degrees of latitude the distortion stays under 10 %.
REFERENCE_LATITUDE = 52.0
UNITS_PER_DEGREE = 100.0  # of latitude
_X_SCALE = UNITS_PER_DEGREE * math.cos(math.radians(REFERENCE_LATITUDE))
WIDTH = round((EAST - WEST) * _X_SCALE, 1)
HEIGHT = round((NORTH - SOUTH) * UNITS_PER_DEGREE, 1)

# Poland's border, simplified to about 2 km, as (lon, lat), clockwise from where
# the German border meets the Baltic on Usedom. The Szczecin and Vistula lagoons
# are drawn as land, as small-scale maps usually do. The last point repeats the
# first: the ring is closed.
POLAND_OUTLINE: tuple[tuple[float, float], ...] = (
    # Baltic coast, west to east
    (14.22, 53.93),  # Usedom: the German border reaches the sea
    (14.45, 53.94),  # Międzyzdroje
    (14.78, 54.03),  # Dziwnów
    (15.28, 54.14),  # Mrzeżyno
    (15.58, 54.18),  # Kołobrzeg
    (16.06, 54.26),  # Mielno
    (16.40, 54.44),  # Darłowo
    (16.85, 54.59),  # Ustka
    (17.55, 54.76),  # Łeba
    (18.33, 54.84),  # Rozewie, the northernmost point
    (18.42, 54.80),  # Władysławowo
    (18.60, 54.71),  # the Hel Peninsula, its open-sea side...
    (18.81, 54.60),  # ...to Hel...
    (18.60, 54.68),  # ...and back along the Bay of Puck
    (18.42, 54.74),  # Puck
    (18.56, 54.52),  # Gdynia
    (18.58, 54.44),  # Sopot
    (18.70, 54.40),  # Gdańsk, Westerplatte
    (18.95, 54.36),  # the mouth of the Vistula
    (19.45, 54.38),  # Krynica Morska, on the Vistula Spit
    (19.63, 54.45),  # the Russian border on the spit
    # Russia (Kaliningrad Oblast), almost a straight line eastwards
    (19.80, 54.43),
    (20.50, 54.39),
    (21.30, 54.33),
    (22.00, 54.35),
    (22.79, 54.36),  # the Poland–Russia–Lithuania tripoint
    # Lithuania
    (23.10, 54.30),  # Punsk
    (23.48, 54.15),  # Sejny, Ogrodniki
    (23.51, 53.95),  # the Poland–Lithuania–Belarus tripoint
    # Belarus
    (23.60, 53.72),
    (23.70, 53.50),  # Kuźnica
    (23.86, 53.25),  # Krynki
    (23.94, 53.05),  # Bobrowniki
    (23.92, 52.85),
    (23.94, 52.70),  # the Białowieża Forest
    (23.47, 52.54),  # Czeremcha
    (23.18, 52.31),  # Niemirów: from here the Bug is the border
    (23.35, 52.22),  # Janów Podlaski
    (23.64, 52.08),  # Terespol, opposite Brest
    (23.62, 51.90),  # Kodeń
    (23.60, 51.76),  # Sławatycze
    (23.60, 51.52),  # Włodawa: the Poland–Belarus–Ukraine tripoint
    # Ukraine
    (23.72, 51.30),
    (23.82, 51.15),  # Dorohusk
    (24.00, 50.98),
    (24.15, 50.87),  # Zosin, the easternmost point
    (24.08, 50.66),  # the border leaves the Bug
    (23.58, 50.27),  # Hrebenne
    (23.10, 49.95),  # Korczowa
    (22.95, 49.80),  # Medyka, by Przemyśl
    (22.66, 49.45),  # Krościenko
    (22.77, 49.22),
    (22.86, 49.00),  # Opołonek, the southernmost point
    (22.57, 49.09),  # Krzemieniec: the Poland–Ukraine–Slovakia tripoint
    # Slovakia, along the Carpathians
    (22.10, 49.25),  # the Łupków Pass
    (21.70, 49.42),  # the Dukla Pass
    (21.25, 49.45),
    (20.92, 49.31),  # Muszyna
    (20.70, 49.41),  # the Poprad at Piwniczna
    (20.45, 49.40),  # the Pieniny
    (20.15, 49.31),  # Jurgów, Łysa Polana
    (20.09, 49.18),  # Rysy, in the Tatras
    (19.80, 49.20),  # the Western Tatras
    (19.78, 49.40),  # Orava
    (19.66, 49.43),  # Chyżne
    (19.53, 49.57),  # Babia Góra
    (19.20, 49.52),
    (18.97, 49.51),  # Zwardoń
    (18.85, 49.52),  # the Poland–Slovakia–Czechia tripoint
    # Czechia, along the Sudetes
    (18.63, 49.74),  # Cieszyn, on the Olza
    (18.33, 49.93),  # Chałupki, where the Oder enters Poland
    (18.00, 50.05),
    (17.75, 50.18),  # Głubczyce
    (17.58, 50.29),  # Prudnik
    (17.38, 50.28),  # Głuchołazy
    (17.25, 50.40),
    (16.95, 50.42),  # Paczków, Złoty Stok
    (16.98, 50.30),
    (16.85, 50.20),  # Śnieżnik
    (16.68, 50.10),  # Międzylesie, the tip of the Kłodzko Land
    (16.52, 50.22),
    (16.35, 50.35),  # Zieleniec
    (16.21, 50.43),  # Kudowa-Zdrój
    (16.45, 50.55),  # around the Broumov salient
    (16.25, 50.66),  # Mieroszów
    (16.00, 50.68),  # Lubawka
    (15.74, 50.74),  # Śnieżka, in the Karkonosze
    (15.50, 50.80),  # Szklarska Poręba
    (15.28, 50.88),  # Świeradów-Zdrój
    (15.17, 51.01),  # around the Frýdlant salient
    (15.00, 51.01),  # Zawidów
    (14.98, 50.86),  # the Bogatynia salient
    (14.82, 50.87),  # the Poland–Czechia–Germany tripoint, by Zittau
    # Germany, along the Lusatian Neisse and the Oder
    (14.93, 51.02),
    (14.99, 51.16),  # Zgorzelec, opposite Görlitz
    (14.95, 51.40),
    (14.73, 51.55),  # Łęknica
    (14.62, 51.75),
    (14.72, 51.95),  # Gubin
    (14.75, 52.07),  # the Neisse flows into the Oder
    (14.65, 52.15),
    (14.56, 52.35),  # Słubice, opposite Frankfurt (Oder)
    (14.64, 52.59),  # Kostrzyn
    (14.13, 52.84),  # Osinów Dolny, the westernmost point
    (14.20, 52.95),
    (14.38, 53.12),  # Widuchowa: the border leaves the Oder
    (14.42, 53.25),
    (14.37, 53.42),  # west of Szczecin
    (14.27, 53.55),
    (14.28, 53.70),  # across the Szczecin Lagoon
    (14.22, 53.93),  # back to Usedom
)

Coordinate = Decimal | float


class MapRole(models.TextChoices):
    LEAD = "lead", _("lead city")
    PARTNER = "partner", _("partner city")
    FORMER = "former", _("former member")


@dataclass(frozen=True)
class MapPoint:
    """A member organisation as the map needs it; coordinates may be missing."""

    name: str
    url: str
    role: MapRole
    lon: Coordinate | None
    lat: Coordinate | None
    voivodeship: str = ""

    @property
    def location(self) -> tuple[float, float] | None:
        """(lon, lat) if the point has coordinates inside the frame. Points outside
        it (a typo, latitude and longitude swapped) are listed, not drawn off the
        edge."""
        if self.lon is None or self.lat is None:
            return None
        lon, lat = float(self.lon), float(self.lat)
        if WEST <= lon <= EAST and SOUTH <= lat <= NORTH:
            return lon, lat
        return None

    @property
    def is_on_map(self) -> bool:
        return self.location is not None


@dataclass(frozen=True)
class Marker:
    point: MapPoint
    x: float
    y: float


@dataclass(frozen=True)
class MemberMap:
    width: float
    height: float
    outline_path: str
    points: list[MapPoint]  # all of them, in the order given
    markers: list[Marker]  # those on the map, in the same order

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def off_map(self) -> list[MapPoint]:
        return [point for point in self.points if not point.is_on_map]


def project(lon: Coordinate, lat: Coordinate) -> tuple[float, float]:
    """WGS84 degrees to SVG user units within the frame, rounded to 0.1 unit
    (about 100 m: finer than any marker)."""
    x = (float(lon) - WEST) * _X_SCALE
    y = (NORTH - float(lat)) * UNITS_PER_DEGREE
    return round(x, 1), round(y, 1)


def svg_path(ring: Iterable[tuple[float, float]]) -> str:
    """An SVG path through (lon, lat) points, closed."""
    steps = [f"{x} {y}" for x, y in (project(lon, lat) for lon, lat in ring)]
    return "M" + " L".join(steps) + " Z"


OUTLINE_PATH = svg_path(POLAND_OUTLINE)


def member_map(points: list[MapPoint]) -> MemberMap:
    """Places the points on the map of Poland; those without a usable location are
    kept in `points` (for the list) but get no marker."""
    markers = []
    for point in points:
        if location := point.location:
            x, y = project(*location)
            markers.append(Marker(point=point, x=x, y=y))
    return MemberMap(
        width=WIDTH,
        height=HEIGHT,
        outline_path=OUTLINE_PATH,
        points=list(points),
        markers=markers,
    )


def _point(membership: NetworkMembership, role: MapRole) -> MapPoint:
    organisation = membership.organisation
    return MapPoint(
        name=organisation.name,
        url=organisation.get_absolute_url(),
        role=role,
        lon=organisation.longitude,
        lat=organisation.latitude,
        voivodeship=organisation.get_voivodeship_display(),
    )


def member_points(page: NetworkPage, *, former: bool = False) -> list[MapPoint]:
    """The network's current members, lead first, as the members table orders
    them; with `former`, then those who have left (former leads included) and
    are not members again. Uses only what the page has already loaded."""
    points = []
    if page.lead is not None:
        points.append(_point(page.lead, MapRole.LEAD))
    points += [_point(row, MapRole.PARTNER) for row in page.partners]
    if former:
        seen = {point.url for point in points}
        past = [row for row in page.lead_history if row.valid_to is not None]
        for row in sorted(
            past + page.former_members, key=lambda row: row.organisation.name
        ):
            point = _point(row, MapRole.FORMER)
            if point.url not in seen:
                seen.add(point.url)
                points.append(point)
    return points
