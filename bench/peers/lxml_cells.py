"""Peer floor: bare lxml.html, every td/th's text dumped, no mapping, no checks.
Usage: python3 lxml_cells.py LIST  (one HTML path per line). Prints one line of JSON."""
import json, sys, time
import lxml.html

paths = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p]
cells = 0
t0 = time.process_time()
for p in paths:
    with open(p, "rb") as f:
        doc = lxml.html.fromstring(f.read())
    cells += len([c.text_content() for c in doc.iter("td", "th")])
cpu = time.process_time() - t0
print(json.dumps({"peer": "lxml.html, cells dumped", "pages": len(paths), "cpu_ms": cpu * 1000 / len(paths), "cells": cells}))
