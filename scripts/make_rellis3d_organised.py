#!/usr/bin/env python3
"""Writes sample_data/rellis3d/000104.pcd from RELLIS-3D's utils/example/000104.bin.

The source is one Ouster OS1-64 scan: 131,072 float32 (x, y, z, intensity) records stored
column by column (record c * 64 + r is beam r of azimuth column c; beam 0 is the top one,
about +17 degrees). No-return pixels are stored as x = y = z = 0.

The output is an organised PCD in PCL's row-major image order (WIDTH 2048 columns, HEIGHT 64
beams; point r * 2048 + c is beam r, column c) with fields x y z intensity ring (ring = beam),
and every all-zero no-return written as NaN x, y, z (intensity kept as stored).

Usage: make_rellis3d_organised.py SOURCE_BIN OUT_PCD   (Python 3 standard library only)
"""
import struct
import sys

WIDTH, HEIGHT = 2048, 64


def main(src, out):
    data = open(src, "rb").read()
    if len(data) != WIDTH * HEIGHT * 16:
        sys.exit(f"{src}: {len(data)} bytes, expected {WIDTH * HEIGHT * 16} (64 x 2048 x 4 float32)")
    recs = list(struct.iter_unpack("<4f", data))
    nan = float("nan")
    body = bytearray()
    no_return = 0
    for r in range(HEIGHT):
        for c in range(WIDTH):
            x, y, z, i = recs[c * HEIGHT + r]
            if x == 0.0 and y == 0.0 and z == 0.0:
                x = y = z = nan
                no_return += 1
            body += struct.pack("<4fH", x, y, z, i, r)
    header = (
        "# .PCD v0.7 - Point Cloud Data file format\n"
        "VERSION 0.7\n"
        "FIELDS x y z intensity ring\n"
        "SIZE 4 4 4 4 2\n"
        "TYPE F F F F U\n"
        "COUNT 1 1 1 1 1\n"
        f"WIDTH {WIDTH}\n"
        f"HEIGHT {HEIGHT}\n"
        "VIEWPOINT 0 0 0 1 0 0 0\n"
        f"POINTS {WIDTH * HEIGHT}\n"
        "DATA binary\n"
    )
    with open(out, "wb") as f:
        f.write(header.encode("ascii"))
        f.write(body)
    print(f"{out}: {WIDTH * HEIGHT} points, {no_return} no-returns as NaN")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
