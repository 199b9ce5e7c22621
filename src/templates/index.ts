// Template registry and version detection from the labels a report uses (spec §2). Every fact about
// a format (years, tables, layout, identities, cross-year checks, sections) is in its template's
// file; code elsewhere asks this registry (byId, newest, forYear) instead of naming a template.
import type { Template, TemplateChoice } from '../types.js';
import { deriveLayout } from './define.js';
import { labelKey } from '../text/normalize.js';
import { GIA_2019 } from './gia-2019.js';
import { GIA_2021 } from './gia-2021.js';

/** All templates, oldest first (the registry: one line per template). */
export const TEMPLATES: Record<string, Template> = {
  'gia-2019': GIA_2019,
  'gia-2021': GIA_2021,
};

const derived = new Map<string, Template>();

/** A registered template, or (with `layout`) the template of one of its layout variants (computed once). */
export function getTemplate(id: string, layout?: string): Template | undefined {
  const t = TEMPLATES[id];
  if (!t || !layout) return t;
  const key = `${id}#${layout}`;
  let d = derived.get(key);
  if (!d) {
    const l = t.layouts?.find((x) => x.id === layout);
    if (!l) return t;
    derived.set(key, (d = deriveLayout(t, l)));
  }
  return d;
}

/** The template a report was read with: its template, in the layout variant it uses. */
export function templateOf(r: { template: TemplateChoice }): Template | undefined {
  return getTemplate(r.template.id, r.template.layout);
}

/**
 * Adds a template to the registry (a new national format is one file plus its line in
 * {@link TEMPLATES}; tests and embedders may register one at run time). Replaces one of the same id.
 */
export function registerTemplate(t: Template): void {
  TEMPLATES[t.id] = t;
  for (const k of [...derived.keys()]) if (k.startsWith(`${t.id}#`)) derived.delete(k);
}

/** The template of an id (undefined when unknown). */
export function byId(id: string): Template | undefined {
  return TEMPLATES[id];
}

/** Ids of every template, in registry order. */
export function templateIds(): string[] {
  return Object.keys(TEMPLATES);
}

/** The newest template (the latest `years.from`; of equals, the later registered). */
export function newest(): Template {
  let best: Template | undefined;
  for (const t of Object.values(TEMPLATES)) if (!best || t.years.from >= best.years.from) best = t;
  return best!;
}

/** Ids of every template, the newest first, then the others in registry order (the order of mixed-template columns). */
export function newestFirst(): string[] {
  const first = newest().id;
  return [first, ...templateIds().filter((id) => id !== first)];
}

/** The first report year of a template that supersedes `t` (undefined: none does). */
export function supersededFrom(t: Template): number | undefined {
  let from: number | undefined;
  for (const x of Object.values(TEMPLATES)) if (x.supersedes === t.id && (from === undefined || x.years.from < from)) from = x.years.from;
  return from;
}

/** Whether report year `year` is within a template's years (its `to`, or until the template that supersedes it starts). */
export function coversYear(t: Template, year: number): boolean {
  if (year < t.years.from) return false;
  if (t.years.to !== undefined && year > t.years.to) return false;
  const until = supersededFrom(t);
  return until === undefined || year < until;
}

/** The template for a report year (undefined: none covers it). */
export function forYear(year: number): Template | undefined {
  return Object.values(TEMPLATES).find((t) => coversYear(t, year));
}

/** The label keys of a template's markers, once per template. */
const markerKeysOf = new WeakMap<Template, string[]>();

function markerKeys(t: Template): string[] {
  let keys = markerKeysOf.get(t);
  if (!keys) markerKeysOf.set(t, (keys = t.markers.map(labelKey)));
  return keys;
}

/**
 * Counts each template's markers in the label keys of the text; the most markers wins, of equals
 * the one with the larger share of its markers found (a format that adds rows to an older one
 * lists the older one's markers plus its own: a report in the older format finds all of the
 * older one's markers and only some of the newer one's).
 */
export function detectTemplate(text: string, year: number | null): TemplateChoice {
  const key = labelKey(text);
  const scores: Record<string, number> = {};
  const found: Record<string, string[]> = {};
  const share: Record<string, number> = {};
  for (const t of Object.values(TEMPLATES)) {
    const keys = markerKeys(t);
    found[t.id] = t.markers.filter((_, i) => key.includes(keys[i]!));
    scores[t.id] = found[t.id]!.length;
    share[t.id] = t.markers.length ? scores[t.id]! / t.markers.length : 0;
  }
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1] || share[b[0]]! - share[a[0]]!);
  const [top, second] = ranked;
  if (top && top[1] > 0 && (!second || top[1] > second[1] || share[top[0]]! > share[second[0]]!)) return { id: top[0], by: 'labels', scores, evidence: found[top[0]]! };
  if (year !== null) {
    const byYear = forYear(year);
    if (byYear) return { id: byYear.id, by: 'year', scores };
  }
  return { id: newest().id, by: 'default', scores };
}
