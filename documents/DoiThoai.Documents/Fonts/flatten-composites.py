#!/usr/bin/python3
"""Flattens the composite glyphs of the document fonts into simple outlines, in place.

DejaVu draws most Vietnamese letters (ị, ộ, ữ …) as composites: a base letter plus accent components. PDFsharp 6.2.4's
font subsetter keeps a composite but drops some of its components, so a PDF showed "Nhi Chiêu" for "Nhị Chiểu" while
its text layer (what pdftotext reads) was right. With every glyph a simple outline, the subset carries what it draws.

Run once when the fonts are updated (Debian's python3-fonttools):  /usr/bin/python3 flatten-composites.py *.ttf
"""
import sys

from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

for path in sys.argv[1:]:
    font = TTFont(path)
    glyf = font["glyf"]
    glyph_set = font.getGlyphSet()
    flattened = 0
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if not glyph.isComposite():
            continue
        recording = DecomposingRecordingPen(glyph_set)
        glyph_set[name].draw(recording)
        pen = TTGlyphPen(None)
        recording.replay(pen)
        glyf[name] = pen.glyph()
        flattened += 1
    font["maxp"].maxComponentElements = 0
    font["maxp"].maxComponentDepth = 0
    font.save(path)
    print(f"{path}: {flattened} composite glyphs flattened")
