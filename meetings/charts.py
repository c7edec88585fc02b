"""The participation chart, drawn by the portal as SVG (no script, no CDN, no inline
style); the same numbers are always given as a table next to it. Each bar carries
its total above it, and a scale of round numbers runs up the left side."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from meetings.selectors import ParticipationRecord

# One colour per sector (in the order of partnerships.models.Sector), each with at
# least 3:1 contrast against white; the legend also names them. Walk-ins whose
# sector was not given have their own, lighter grey (3.5:1).
COLOURS = ["#0b4f8a", "#b34700", "#1d6b2a", "#6a3d9a", "#8a6d00", "#a4000f", "#4a5560"]
UNKNOWN_COLOUR = "#858585"
AXIS = 44  # room for the scale's numbers, left of the bars
TOP = 22  # room for the totals above the highest bar
HEIGHT = 180  # the bars' area
BOTTOM = 26  # room for the dates below
BAR_WIDTH = 44
GAP = 28
MIN_WIDTH = 320


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
    centre: int
    label: str
    total: int
    total_y: float  # where the total is written, above the bar
    segments: list[Segment]


@dataclass(frozen=True)
class Tick:
    y: float
    value: int

    @property
    def text_y(self) -> float:
        return self.y + 4  # the number's middle on its line


@dataclass(frozen=True)
class Chart:
    width: int
    height: int  # of the whole drawing
    axis: int
    scale_x: int  # where the scale's numbers end
    baseline: float
    label_y: float
    bar_width: int
    ticks: list[Tick]
    bars: list[Bar]
    legend: list[tuple[str, str]]


def scale_top(peak: int) -> tuple[int, int]:
    """The top of the scale and its step: round numbers (1, 2 or 5 times a power
    of ten), at most five steps, the top at or above `peak`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if peak <= 5 * step * factor:
                size = step * factor
                return -(-max(peak, 1) // size) * size, size
        step *= 10


def attendance_chart(summary: ParticipationRecord) -> Chart:
    """Stacked bars: attendance of each LP meeting, by sector (and without one)."""
    top, step = scale_top(max((row.total for row in summary.meetings), default=0))
    baseline = float(TOP + HEIGHT)
    labels = [str(label) for _value, label in summary.sectors]
    any_unknown = any(row.unknown for row in summary.meetings)
    bars = []
    for index, row in enumerate(summary.meetings):
        x = AXIS + GAP + index * (BAR_WIDTH + GAP)
        y = baseline
        segments = []
        counts = [
            *zip(row.by_sector, COLOURS, labels, strict=True),
            (row.unknown, UNKNOWN_COLOUR, _("sector not given")),
        ]
        for count, colour, label in counts:
            if not count:
                continue
            height = HEIGHT * count / top
            y -= height
            segments.append(Segment(x, y, height, colour, label, count))
        bars.append(
            Bar(
                x=x,
                centre=x + BAR_WIDTH // 2,
                label=row.meeting.starts_at.strftime("%d.%m"),
                total=row.total,
                total_y=y - 6,
                segments=segments,
            )
        )
    legend = list(zip(COLOURS, labels, strict=True))
    if any_unknown:
        legend.append((UNKNOWN_COLOUR, _("sector not given")))
    return Chart(
        width=max(MIN_WIDTH, AXIS + GAP + len(bars) * (BAR_WIDTH + GAP)),
        height=TOP + HEIGHT + BOTTOM,
        axis=AXIS,
        scale_x=AXIS - 6,
        baseline=baseline,
        label_y=baseline + 18,
        bar_width=BAR_WIDTH,
        ticks=[
            Tick(baseline - HEIGHT * value / top, value)
            for value in range(0, top + 1, step)
        ],
        bars=bars,
        legend=legend,
    )
