#!/usr/bin/env python3
"""Counts crossing arrows in a built guide's dependency map (map.html).

Reads the SVG the site ships, so it measures any build, old or new: every arrow is taken as
the straight segments between the end points of its path commands (a same-row arc as a tent
over its row), and two arrows that share a topic box are not counted.

    python3 bench/map_crossings.py public [other-build ...]
"""
import re
import sys
from pathlib import Path


def arrows(svg):
    boxes = [(int(x), int(y)) for x, y in re.findall(r'<rect x="(\d+)" y="(\d+)"', svg)]
    w, h = (int(v) for v in re.search(r'<rect x="\d+" y="\d+" width="(\d+)" height="(\d+)"', svg).groups())

    def box_of(x, y):
        for bx, by in boxes:
            if bx <= x <= bx + w and by - 4 <= y <= by + h + 4:
                return (bx, by)
        return None

    out = []
    for d in re.findall(r'<path class="depmap-edge[^"]*" d="([^"]+)"', svg):
        nums = [tuple(map(int, p.split(","))) for p in re.findall(r"-?\d+,-?\d+", d)]
        commands = re.findall(r"[MLC]", d)
        points, i = [], 0
        for c in commands:
            step = 3 if c == "C" else 1
            points.append(nums[i + step - 1])
            i += step
        if len(commands) == 2 and commands[1] == "C" and points[0][1] - points[-1][1] in range(-3, 4):
            (x1, y1), (x2, _) = points
            lift = min(60, 18 + abs(x2 - x1) // 8)
            points = [points[0], ((x1 + x2) // 2, y1 - lift * 3 // 4), points[-1]]
        out.append((box_of(*points[0]), box_of(*points[-1]), points))
    return out


def crosses(p, q, r, s):
    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    d1, d2, d3, d4 = cross(r, s, p), cross(r, s, q), cross(p, q, r), cross(p, q, s)
    return ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4))


def crossings(svg):
    lines = arrows(svg)
    count = 0
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            if {a[0], a[1]} & {b[0], b[1]}:
                continue
            if any(crosses(p, q, r, s) for p, q in zip(a[2], a[2][1:]) for r, s in zip(b[2], b[2][1:])):
                count += 1
    return count, len(lines)


for site in sys.argv[1:]:
    svg = re.search(r"<svg class=\"depmap.*?</svg>", (Path(site) / "map.html").read_text(), re.S).group(0)
    n, edges = crossings(svg)
    print(f"{site}: {edges} arrows, {n} crossings")
