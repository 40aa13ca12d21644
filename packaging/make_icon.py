#!/usr/bin/env python3
"""Draws the lidarlabel icon: scan rings around a sensor and an orange cuboid (a labelled object).

Writes packaging/lidarlabel.svg and packaging/lidarlabel.png (256x256) from the same shapes, with
nothing but the Python standard library. Run it again after changing a shape:
    python3 packaging/make_icon.py
"""
import math
import os
import struct
import zlib

SIZE = 256
BG = (0x1D, 0x2B, 0x3A)
RING = (0x3F, 0xA7, 0xD6)
BOX = (0xF5, 0xA6, 0x23)
SENSOR = (0xF2, 0xF4, 0xF7)

# Scan rings: (cx, cy, r, stroke width, opacity); the sensor sits at their centre.
RINGS = [(128, 150, r, 5, a) for r, a in ((36, 0.9), (66, 0.7), (96, 0.5))]
# The cuboid in a simple oblique projection: front face, back face offset by (DX, DY).
FX, FY, FW, FH, DX, DY = 120, 78, 84, 52, 26, -22
FRONT = [(FX, FY), (FX + FW, FY), (FX + FW, FY + FH), (FX, FY + FH)]
BACK = [(x + DX, y + DY) for x, y in FRONT]
EDGES = [(FRONT[i], FRONT[(i + 1) % 4]) for i in range(4)] + \
        [(BACK[0], BACK[1]), (BACK[1], BACK[2]), (FRONT[0], BACK[0]), (FRONT[1], BACK[1]),
         (FRONT[2], BACK[2])]
BOX_W = 9
SENSOR_R = 11


def svg():
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
           f'viewBox="0 0 {SIZE} {SIZE}">',
           f'  <rect x="8" y="8" width="240" height="240" rx="44" fill="#{"%02x%02x%02x" % BG}"/>']
    for cx, cy, r, w, a in RINGS:
        out.append(f'  <circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#{"%02x%02x%02x" % RING}" '
                   f'stroke-width="{w}" stroke-opacity="{a}"/>')
    path = " ".join(f"M{a[0]} {a[1]}L{b[0]} {b[1]}" for a, b in EDGES)
    out.append(f'  <path d="{path}" fill="none" stroke="#{"%02x%02x%02x" % BOX}" '
               f'stroke-width="{BOX_W}" stroke-linecap="round" stroke-linejoin="round"/>')
    cx, cy = RINGS[0][0], RINGS[0][1]
    out.append(f'  <circle cx="{cx}" cy="{cy}" r="{SENSOR_R}" fill="#{"%02x%02x%02x" % SENSOR}"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def seg_dist(px, py, a, b):
    ax, ay = a
    bx, by = b
    vx, vy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)))
    return math.hypot(px - ax - t * vx, py - ay - t * vy)


def in_rounded_rect(x, y, x0=8, y0=8, w=240, h=240, r=44):
    qx = max(abs(x - (x0 + w / 2)) - (w / 2 - r), 0.0)
    qy = max(abs(y - (y0 + h / 2)) - (h / 2 - r), 0.0)
    return math.hypot(qx, qy) <= r


def sample(x, y):
    """RGBA of one sub-pixel sample, shapes painted in SVG order."""
    if not in_rounded_rect(x, y):
        return (0, 0, 0, 0.0)
    c = BG
    for cx, cy, r, w, a in RINGS:
        if abs(math.hypot(x - cx, y - cy) - r) <= w / 2:
            c = tuple(a * s + (1 - a) * d for s, d in zip(RING, c))
    if any(seg_dist(x, y, a, b) <= BOX_W / 2 for a, b in EDGES):
        c = BOX
    if math.hypot(x - RINGS[0][0], y - RINGS[0][1]) <= SENSOR_R:
        c = SENSOR
    return (*c, 1.0)


def png(n=3):
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter: none
        for px in range(SIZE):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(n):
                for sx in range(n):
                    r, g, b, a = sample(px + (sx + 0.5) / n, py + (sy + 0.5) / n)
                    acc = [acc[0] + r * a, acc[1] + g * a, acc[2] + b * a, acc[3] + a]
            a = acc[3] / (n * n)
            rgb = [v / acc[3] if acc[3] else 0 for v in acc[:3]]
            row += bytes([round(rgb[0]), round(rgb[1]), round(rgb[2]), round(a * 255)])
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "lidarlabel.svg"), "w") as f:
        f.write(svg())
    with open(os.path.join(here, "lidarlabel.png"), "wb") as f:
        f.write(png())
