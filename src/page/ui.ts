// The offline page in the browser: choose or drop files → the findings drawn as the HTML lint
// report draws them (formatters/html.ts: the three tables in the official layout, the cells to
// correct marked, the findings under each table), the verdict line, and downloads of the xlsx,
// JSON and CSV. Every text comes from the catalogue (i18n), in Chinese unless switched.
import type { FileResult, LintedReport, Locale } from '../types.js';
import { isFatal } from '../types.js';
import { format, messages } from '../i18n/index.js';
import { verdict } from '../formatters/stylish.js';
import { resultsBodyHtml, summaryHtml } from '../formatters/html.js';
import { TOOL } from '../version.js';
import { download as makeDownload, downloadFormats, lintFiles, type PageFile } from './engine.js';

type PageWords = ReturnType<typeof messages>['page'];

const OTHER: Record<Locale, Locale> = { 'zh-CN': 'en', en: 'zh-CN' };
/** Each language by its own name (the switch shows the other one's: English on the Chinese page). */
const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
/** Media types of the downloads by extension (others: generic bytes or text). */
const MIME: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.json': 'application/json;charset=utf-8',
  '.csv': 'text/csv;charset=utf-8',
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The verdict of a run, as the last line of `gia-report lint` says it. */
export function verdictOf(results: FileResult[], locale: Locale): { ok: boolean; text: string } {
  const t = { error: 0, warning: 0, info: 0, fatal: 0 };
  for (const r of results) {
    if (isFatal(r)) {
      t.fatal++;
      continue;
    }
    const c = r.counts;
    t.error += c.error;
    t.warning += c.warning;
    t.info += c.info;
  }
  return verdict(t, locale, null);
}

/** A file name without its extension (the downloads are named after the report). */
function stem(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** 2026-12-02 10:03, in the computer's time zone (printed with the results). */
function localTime(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function startPage(doc: Document): void {
  const root = doc.documentElement;
  let locale: Locale = root.dataset.giaLocale === 'en' ? 'en' : 'zh-CN';
  let files: PageFile[] = [];
  let results: FileResult[] = [];
  let run = 0;
  let checkedAt = '';
  const byId = <T extends HTMLElement>(id: string): T => doc.getElementById(id) as T;
  const input = byId<HTMLInputElement>('files');
  const status = byId<HTMLElement>('status');
  const out = byId<HTMLElement>('result');
  const lang = byId<HTMLButtonElement>('lang');
  const words = (): PageWords => messages(locale).page;

  function applyTexts(): void {
    const W = words();
    root.lang = locale;
    doc.title = W.title;
    for (const el of doc.querySelectorAll<HTMLElement>('[data-t]')) {
      const text = W[el.dataset.t as keyof PageWords];
      el.textContent = typeof text === 'string' ? text : '';
    }
    lang.textContent = LANGUAGE_NAMES[OTHER[locale]];
    lang.lang = OTHER[locale];
    lang.title = W.otherLanguageName;
    byId<HTMLElement>('foot').textContent = `${TOOL.name} ${TOOL.version}`;
    if (!results.length) status.textContent = '';
  }

  function downloadButtons(which: string, label: string): string {
    const W = words();
    // the spreadsheet first: what office staff open
    const formats = downloadFormats().sort((a, b) => Number(b.name === 'xlsx') - Number(a.name === 'xlsx'));
    const b = (name: string): string => `<button type="button" data-dl="${esc(name)}" data-of="${which}">${esc(W.writers[name] ?? name.toUpperCase())}</button>`;
    return `<div class="downloads"><span class="dl-label">${esc(label)}</span>${formats.map((f) => b(f.name)).join('')}</div>`;
  }

  function render(): void {
    const W = words();
    const v = verdictOf(results, locale);
    const readable = results.filter((r) => !isFatal(r)).length;
    const parts = [
      `<p id="verdict" class="verdict ${v.ok ? 'v-clean' : 'v-error'}" tabindex="-1">${esc(v.text)}</p>`,
      `<div class="summary">${summaryHtml(results, locale)}</div>`,
      `<p class="meta checked">${esc(format(W.checkedAt, { time: checkedAt, tool: `${TOOL.name} ${TOOL.version}` }))}</p>`,
      `<div class="actions">${readable > 1 ? downloadButtons('all', format(W.downloadsAll, { n: readable })) : ''}<button type="button" id="print">${esc(W.print)}</button></div>`,
      resultsBodyHtml(results, { locale, cwd: '', quiet: false }),
    ];
    out.innerHTML = parts.join('\n');
    results.forEach((r, i) => {
      if (isFatal(r)) return;
      const h2 = out.querySelector(`#report-${i} > h2`);
      h2?.insertAdjacentHTML('afterend', downloadButtons(String(i), W.downloads));
    });
    // each table scrolls on its own (200 % zoom), by keyboard too; its marked cells take the focus and show their note
    for (const t of out.querySelectorAll<HTMLTableElement>('table.gia')) {
      const box = doc.createElement('div');
      box.className = 'scroll';
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', t.previousElementSibling?.textContent ?? '');
      // the table and its note in one block: the note sticks to the window's bottom while its own table is in view
      const block = doc.createElement('div');
      block.className = 'table-block';
      t.replaceWith(block);
      block.append(box);
      box.append(t);
      const marked = t.querySelectorAll<HTMLElement>('[title]');
      if (!marked.length) continue;
      const note = doc.createElement('p');
      note.className = 'cell-note';
      note.setAttribute('aria-live', 'polite');
      note.textContent = W.noteHint;
      block.append(note);
      for (const c of marked) {
        c.dataset.note = c.title;
        // a Tab stop for the cells a finding names; blank cells (often a hundred) show their note on hover only
        if (c.matches('.cell-error,.cell-warning,.cell-info,.cell-identity,.cell-candidate')) c.tabIndex = 0;
      }
    }
    scrollStops();
    byId<HTMLElement>('verdict').focus();
  }

  /** A table's scroll box is a Tab stop (arrow keys scroll it) only while it is wider than the window. */
  function scrollStops(): void {
    for (const box of out.querySelectorAll<HTMLElement>('.scroll')) {
      if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
      else box.removeAttribute('tabindex');
    }
  }

  function showNote(target: EventTarget | null): void {
    const cell = (target as HTMLElement | null)?.closest?.<HTMLElement>('table.gia [data-note]');
    if (!cell) return;
    const note = cell.closest('.table-block')?.querySelector('.cell-note');
    if (!note) return;
    for (const c of out.querySelectorAll('.current')) c.classList.remove('current');
    cell.classList.add('current');
    note.textContent = `${words().note}：${cell.dataset.note}`;
  }

  async function check(): Promise<void> {
    const mine = ++run;
    const W = words();
    out.setAttribute('aria-busy', 'true');
    try {
      const got = await lintFiles(files, locale, async (done, file) => {
        status.textContent = format(W.checking, { done: done + 1, total: files.length, file });
        await new Promise((r) => setTimeout(r, 0)); // let the browser show it
      });
      if (mine !== run) return; // a newer choice of files (or language) took over
      results = got;
      checkedAt = localTime(new Date());
      status.textContent = '';
      render();
    } catch (e) {
      if (mine === run) status.textContent = String((e as Error)?.message ?? e);
    } finally {
      if (mine === run) out.removeAttribute('aria-busy');
    }
  }

  async function take(list: FileList | File[] | null): Promise<void> {
    const chosen = [...(list ?? [])];
    if (!chosen.length) return;
    const read: PageFile[] = [];
    for (const f of chosen) {
      try {
        read.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
      } catch (e) {
        // the browser could not read it (moved, locked, changed since it was chosen)
        status.textContent = format(words().failed, { file: f.name, message: String((e as Error)?.message ?? e) });
        return;
      }
    }
    files = read;
    await check();
  }

  async function download(format: string, which: string): Promise<void> {
    const reports = (which === 'all' ? results : [results[Number(which)]]).filter((r): r is LintedReport => !!r && !isFatal(r));
    const f = downloadFormats().find((x) => x.name === format);
    if (!reports.length || !f) return;
    const data = await makeDownload(format, reports, locale);
    const name = `${which === 'all' ? 'gia-report' : stem(reports[0]!.source.path)}${f.ext}`;
    const type = MIME[f.ext] ?? (f.binary ? 'application/octet-stream' : 'text/plain;charset=utf-8');
    const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
    const a = doc.createElement('a');
    a.href = url;
    a.download = name;
    doc.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // cleared once read, so choosing the same file again (corrected in Word and saved) checks it again
  input.addEventListener('change', () => {
    void take(input.files).finally(() => (input.value = ''));
  });
  lang.addEventListener('click', () => {
    locale = OTHER[locale];
    applyTexts();
    if (files.length) void check();
  });
  out.addEventListener('click', (e) => {
    const t = e.target as HTMLElement;
    const b = t.closest<HTMLButtonElement>('button[data-dl]');
    if (b) {
      b.disabled = true;
      void download(b.dataset.dl!, b.dataset.of!).finally(() => (b.disabled = false));
      return;
    }
    if (t.closest('#print')) {
      window.print();
      return;
    }
    showNote(t);
  });
  out.addEventListener('focusin', (e) => showNote(e.target));
  window.addEventListener('resize', scrollStops);
  out.addEventListener('mouseover', (e) => showNote(e.target));
  // files dropped anywhere on the page
  doc.addEventListener('dragover', (e) => {
    e.preventDefault();
    root.classList.add('dragging');
  });
  doc.addEventListener('dragleave', (e) => {
    if (!e.relatedTarget) root.classList.remove('dragging');
  });
  doc.addEventListener('drop', (e) => {
    e.preventDefault();
    root.classList.remove('dragging');
    void take(e.dataTransfer?.files ?? null);
  });
  applyTexts();
}
