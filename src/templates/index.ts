// Template registry and version detection from the labels a report uses (spec §2).
import type { Template, TemplateChoice } from '../types.js';
import { deriveLayout } from './define.js';
import { labelKey } from '../extract/normalize.js';
import { GIA_2019 } from './gia-2019.js';
import { GIA_2021 } from './gia-2021.js';

/** All templates, oldest first. */
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

/** Counts each template's markers in the label keys of the text; the most markers wins. */
export function detectTemplate(text: string, year: number | null): TemplateChoice {
  const key = labelKey(text);
  const scores: Record<string, number> = {};
  const found: Record<string, string[]> = {};
  for (const t of Object.values(TEMPLATES)) {
    found[t.id] = t.markers.filter((m) => key.includes(labelKey(m)));
    scores[t.id] = found[t.id]!.length;
  }
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  if (ranked[0] && ranked[0][1] > 0 && ranked[0][1] > (ranked[1]?.[1] ?? 0)) return { id: ranked[0][0], by: 'labels', scores, evidence: found[ranked[0][0]]! };
  if (year !== null) {
    const byYear = Object.values(TEMPLATES).find((t) => year >= t.years.from && (t.years.to === undefined || year <= t.years.to));
    if (byYear) return { id: byYear.id, by: 'year', scores };
  }
  return { id: 'gia-2021', by: 'default', scores };
}
