"""Horizontal bar charts drawn by the portal as SVG (no script, no CDN); the page
always gives the same numbers as a table next to the chart."""

from dataclasses import dataclass

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 190
PLOT_WIDTH = 320
COLOUR = "#0b4f8a"  # 8.6:1 on white


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    count: int
    width: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    colour: str
    bars: list[Bar]


def bar_chart(rows: list[tuple[str, int]]) -> BarChart:
    peak = max((count for _label, count in rows), default=0) or 1
    bars = [
        Bar(
            y=GAP + index * (BAR_HEIGHT + GAP),
            label=label,
            count=count,
            width=PLOT_WIDTH * count / peak,
        )
        for index, (label, count) in enumerate(rows)
    ]
    return BarChart(
        width=LABEL_WIDTH + PLOT_WIDTH + 50,
        height=GAP + len(bars) * (BAR_HEIGHT + GAP),
        label_width=LABEL_WIDTH,
        colour=COLOUR,
        bars=bars,
    )
