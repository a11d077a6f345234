#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/cases/images/make.py - makes the small pictures images-readme.md
# shows (run once; the files are committed): a badge, a chart, an avatar,
# a GIF (two frames: only the first, red, is drawn), a WebP and SVGs.
from PIL import Image, ImageDraw

def badge(name, text, colour):
    im = Image.new("RGBA", (90, 20), (85, 85, 85, 255))
    d = ImageDraw.Draw(im)
    d.rectangle([45, 0, 89, 19], fill=colour)
    d.text((4, 4), text, fill=(255, 255, 255, 255))
    im.save(name, optimize=True)

badge("badge-build.png", "build", (68, 204, 17, 255))
chart = Image.new("RGB", (480, 240), (255, 255, 255))
d = ImageDraw.Draw(chart)
for i, h in enumerate([60, 120, 90, 200]):
    d.rectangle([40 + i * 110, 230 - h, 120 + i * 110, 230], fill=(30, 90, 200))
chart.save("chart.png", optimize=True)
chart.save("photo.jpg", quality=70)
av = Image.new("RGB", (40, 40), (240, 160, 40))
ImageDraw.Draw(av).ellipse([8, 8, 32, 32], fill=(120, 60, 20))
av.save("avatar.png", optimize=True)
frames = [Image.new("P", (24, 24), c) for c in (1, 2)]
for f in frames:
    f.putpalette([255, 255, 255, 220, 30, 30, 30, 30, 220] + [0] * 759)
frames[0].save("spinner.gif", save_all=True, append_images=frames[1:],
               duration=100, loop=0)
icon = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
ImageDraw.Draw(icon).polygon([(16, 2), (30, 30), (2, 30)], fill=(20, 150, 80, 255))
icon.save("icon.webp", lossless=True)
