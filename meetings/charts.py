"""The participation chart, drawn by the portal as SVG (no script, no CDN); the
same numbers are always given as a table next to it."""

from dataclasses import dataclass

from meetings.selectors import ParticipationRecord

# One colour per sector (in the order of partnerships.models.Sector), each with at
# least 3:1 contrast against white; the legend also names them.
COLOURS = ["#0b4f8a", "#b34700", "#1d6b2a", "#6a3d9a", "#8a6d00", "#a4000f", "#4a5560"]
BAR_WIDTH = 36
GAP = 14
HEIGHT = 160


@dataclass(frozen=True)
class Segment:
    x: int
    y: float
    height: float
    colour: str
    label: str
    count: int


@dataclass(frozen=True)
class Bar:
    x: int
    label: str
    total: int
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    legend: list[tuple[str, str]]


def attendance_chart(summary: ParticipationRecord) -> Chart:
    """Stacked bars: attendance of each LP meeting, by sector."""
    peak = max((row.total for row in summary.meetings), default=0) or 1
    bars = []
    for index, row in enumerate(summary.meetings):
        x = GAP + index * (BAR_WIDTH + GAP)
        top = float(HEIGHT)
        segments = []
        for (_value, label), count, colour in zip(
            summary.sectors, row.by_sector, COLOURS, strict=True
        ):
            if not count:
                continue
            height = HEIGHT * count / peak
            top -= height
            segments.append(Segment(x, top, height, colour, str(label), count))
        bars.append(
            Bar(x, row.meeting.starts_at.strftime("%d.%m"), row.total, segments)
        )
    return Chart(
        width=GAP + len(bars) * (BAR_WIDTH + GAP),
        height=HEIGHT,
        bars=bars,
        legend=[
            (colour, str(label))
            for (_value, label), colour in zip(summary.sectors, COLOURS, strict=True)
        ],
    )
