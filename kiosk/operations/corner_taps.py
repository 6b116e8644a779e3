"""The hidden gesture that opens maintenance entry: N taps in one corner within a window.

Hidden, because citizens must not stumble into a PIN prompt; a corner, because nothing
a citizen needs sits there; several taps inside a short window, because a single tap or
a child drumming on the glass over a minute must not count. The decision lives here, in
the core, so the welcome screen only forwards where and when it was touched.
"""

from __future__ import annotations

import math
from collections import deque

CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


class CornerTaps:
    """Counts taps in `corner` (a square of `size_px`); True when `taps` fall within `window_s`."""

    def __init__(self, taps: int, window_s: float, corner: str, size_px: int = 120) -> None:
        if corner not in CORNERS:
            raise ValueError(f"corner must be one of {', '.join(CORNERS)} (got {corner!r})")
        if taps < 1 or not window_s > 0 or size_px < 1:
            raise ValueError("taps and size_px must be at least 1 and window_s greater than 0")
        self.taps, self.window_s, self.corner, self.size_px = taps, float(window_s), corner, size_px
        self._times: deque[float] = deque()

    def in_corner(self, x: float, y: float, width: float, height: float) -> bool:
        # On a small window the square would cover the whole screen: at most a quarter of each side.
        side_x, side_y = min(self.size_px, width / 4), min(self.size_px, height / 4)
        if not (0 <= x < width and 0 <= y < height):
            return False
        near_x = x < side_x if self.corner.endswith("left") else x >= width - side_x
        near_y = y < side_y if self.corner.startswith("top") else y >= height - side_y
        return near_x and near_y

    def tap(self, x: float, y: float, width: float, height: float, t: float) -> bool:
        """Record a tap at (x, y) on a width x height screen at time `t` (seconds, any monotonic origin).

        A tap outside the corner starts the count again: the gesture is N taps *in a row*
        in the corner, not N among a citizen's ordinary use of the screen."""
        if not (math.isfinite(t) and self.in_corner(x, y, width, height)):   # NaN would never leave the window
            self._times.clear()
            return False
        if self._times and t < self._times[-1]:
            self._times.clear()   # the caller's clock went backwards: this tap starts a new count
        self._times.append(t)
        while self._times and t - self._times[0] > self.window_s:
            self._times.popleft()
        if len(self._times) >= self.taps:
            self._times.clear()   # the next gesture needs its own taps
            return True
        return False

    def reset(self) -> None:
        self._times.clear()
