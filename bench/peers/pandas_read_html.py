"""Peer: pandas.read_html (lxml flavour), every table of the page as a DataFrame.
Usage: python3 pandas_read_html.py LIST  (one HTML path per line). Prints one line of JSON."""
import io, json, sys, time
import pandas

paths = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p]
cells = 0
t0 = time.process_time()
for p in paths:
    with open(p, "rb") as f:
        for df in pandas.read_html(io.BytesIO(f.read()), flavor="lxml"):
            cells += df.size
cpu = time.process_time() - t0
print(json.dumps({"peer": "pandas.read_html", "pages": len(paths), "cpu_ms": cpu * 1000 / len(paths), "cells": int(cells)}))
