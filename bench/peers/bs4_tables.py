"""Peer: BeautifulSoup with lxml's parser, every table cell's text (no mapping, no checks).
Usage: python3 bs4_tables.py LIST  (one HTML path per line). Prints one line of JSON."""
import json, sys, time
from bs4 import BeautifulSoup

paths = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p]
cells = 0
t0 = time.process_time()
for p in paths:
    with open(p, "rb") as f:
        soup = BeautifulSoup(f.read(), "lxml")
    for table in soup.find_all("table"):
        for tr in table.find_all("tr"):
            cells += len([c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])])
cpu = time.process_time() - t0
print(json.dumps({"peer": "BeautifulSoup + lxml", "pages": len(paths), "cpu_ms": cpu * 1000 / len(paths), "cells": cells}))
