// Tables from ruling lines, the lattice method of pdfplumber's table finder (re-implemented, not
// copied): snap nearly collinear edges together, join touching pieces of one line, find where
// horizontal and vertical edges cross, take the smallest rectangle closed by edges from each
// crossing as a cell, and group cells that share corners into tables. A cell bounded by a missing
// inner line simply comes out larger: that is how merged cells are found.
import type { Box, Edge } from './types.js';

export interface FinderOptions {
  /** Edges whose positions differ by at most this much are snapped to one line (points). */
  snap: number;
  /** Pieces of one line at most this far apart are joined. */
  join: number;
  /** How far an edge may stop short of a crossing and still make it. */
  intersect: number;
  /** Shorter edges (after joining) are dropped. */
  minLength: number;
}

export const FINDER_DEFAULTS: FinderOptions = { snap: 3, join: 3, intersect: 3, minLength: 3 };

/** A table found on one page: its cells (boxes) and its outline. */
export interface FoundTable {
  cells: Box[];
  bbox: Box;
}

/** Groups sorted values into clusters of neighbours at most `tol` apart; returns each value's cluster mean. */
export function clusterValues(values: number[], tol: number): Map<number, number> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let group: number[] = [];
  const flush = (): void => {
    if (!group.length) return;
    const mean = group.reduce((s, v) => s + v, 0) / group.length;
    for (const v of group) out.set(v, mean);
    group = [];
  };
  for (const v of sorted) {
    if (group.length && v - group[group.length - 1]! > tol) flush();
    group.push(v);
  }
  flush();
  return out;
}

/** Snaps, joins and filters edges (horizontal: by y; vertical: by x). */
export function mergeEdges(edges: Edge[], o: FinderOptions = FINDER_DEFAULTS): Edge[] {
  const hs = edges.filter((e) => e.orient === 'h');
  const vs = edges.filter((e) => e.orient === 'v');
  const hy = clusterValues(
    hs.map((e) => e.top),
    o.snap,
  );
  const vx = clusterValues(
    vs.map((e) => e.x0),
    o.snap,
  );
  const out: Edge[] = [];
  const joinLine = (list: Edge[], orient: 'h' | 'v'): void => {
    const byPos = new Map<number, [number, number][]>();
    for (const e of list) {
      const pos = orient === 'h' ? hy.get(e.top)! : vx.get(e.x0)!;
      const span: [number, number] = orient === 'h' ? [e.x0, e.x1] : [e.top, e.bottom];
      const l = byPos.get(pos);
      if (l) l.push(span);
      else byPos.set(pos, [span]);
    }
    for (const [pos, spans] of byPos) {
      spans.sort((a, b) => a[0] - b[0]);
      let cur: [number, number] | null = null;
      const emit = (s: [number, number]): void => {
        if (s[1] - s[0] < o.minLength) return;
        out.push(orient === 'h' ? { orient, x0: s[0], x1: s[1], top: pos, bottom: pos } : { orient, x0: pos, x1: pos, top: s[0], bottom: s[1] });
      };
      for (const s of spans) {
        if (cur && s[0] <= cur[1] + o.join) cur[1] = Math.max(cur[1], s[1]);
        else {
          if (cur) emit(cur);
          cur = [s[0], s[1]];
        }
      }
      if (cur) emit(cur);
    }
  };
  joinLine(hs, 'h');
  joinLine(vs, 'v');
  return out;
}

interface Point {
  x: number;
  y: number;
  h: Set<number>;
  v: Set<number>;
}

const shares = (a: Set<number>, b: Set<number>): boolean => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};

/** Tables (cells grouped by shared corners) from merged edges; at least two cells each. */
export function findTables(merged: Edge[], o: FinderOptions = FINDER_DEFAULTS, maxPoints = 200_000): FoundTable[] {
  const hs = merged.filter((e) => e.orient === 'h');
  const vs = merged.filter((e) => e.orient === 'v');
  const points = new Map<string, Point>();
  for (let vi = 0; vi < vs.length; vi++) {
    const v = vs[vi]!;
    for (let hi = 0; hi < hs.length; hi++) {
      const h = hs[hi]!;
      if (v.top - o.intersect <= h.top && h.top <= v.bottom + o.intersect && h.x0 - o.intersect <= v.x0 && v.x0 <= h.x1 + o.intersect) {
        const key = `${v.x0},${h.top}`;
        let p = points.get(key);
        if (!p) {
          if (points.size >= maxPoints) return [];
          p = { x: v.x0, y: h.top, h: new Set(), v: new Set() };
          points.set(key, p);
        }
        p.h.add(hi);
        p.v.add(vi);
      }
    }
  }
  // per column (same x) the points below, per row (same y) the points to the right, in order
  const byX = new Map<number, Point[]>();
  const byY = new Map<number, Point[]>();
  for (const p of points.values()) {
    (byX.get(p.x) ?? byX.set(p.x, []).get(p.x)!).push(p);
    (byY.get(p.y) ?? byY.set(p.y, []).get(p.y)!).push(p);
  }
  for (const l of byX.values()) l.sort((a, b) => a.y - b.y);
  for (const l of byY.values()) l.sort((a, b) => a.x - b.x);
  const cells: Box[] = [];
  for (const p of points.values()) {
    const col = byX.get(p.x)!;
    const row = byY.get(p.y)!;
    const below = col.filter((q) => q.y > p.y && shares(p.v, q.v));
    const right = row.filter((q) => q.x > p.x && shares(p.h, q.h));
    let found: Box | null = null;
    for (const b of below) {
      for (const r of right) {
        const br = points.get(`${r.x},${b.y}`);
        if (br && shares(br.v, r.v) && shares(br.h, b.h)) {
          found = [p.x, p.y, r.x, b.y];
          break;
        }
      }
      if (found) break;
    }
    if (found) cells.push(found);
  }
  // group cells sharing a corner (union-find over corner keys)
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  cells.forEach((c, i) => {
    for (const k of [`${c[0]},${c[1]}`, `${c[2]},${c[1]}`, `${c[0]},${c[3]}`, `${c[2]},${c[3]}`]) {
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Box[]>();
  cells.forEach((c, i) => {
    const r = find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(c);
  });
  const tables: FoundTable[] = [];
  for (const cs of groups.values()) {
    if (cs.length < 2) continue;
    const bbox: Box = [Math.min(...cs.map((c) => c[0])), Math.min(...cs.map((c) => c[1])), Math.max(...cs.map((c) => c[2])), Math.max(...cs.map((c) => c[3]))];
    tables.push({ cells: cs, bbox });
  }
  tables.sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  return tables;
}
