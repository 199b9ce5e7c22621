// A page cut inside a closing tag (`</p ` at the end of the bytes): htmlparser2 hands the trailing
// data back as a slice whose end lies past the buffer. Buffer#toString clamps it; a faster decoder
// that did not (7a3b12e, reverted) threw RangeError "Index out of range" — found by the fuzz
// campaign on mutated HTML. The reader must give a report (or a GiaError), never a RangeError.
import { describe, expect, it } from 'vitest';
import { analyzeBytes } from '../src/engine/analyze.js';
import { fixtureText } from './helpers/report.js';

describe('HTML cut inside a closing tag', () => {
  const page = fixtureText('shanghai-office-2019', 'shanghai-office-2019.html');
  for (const tail of [' ', '', '  x', '\n']) {
    it(`ends with "</p${JSON.stringify(tail).slice(1, -1)}"`, async () => {
      const cut = page.slice(0, page.lastIndexOf('</p>') + 3) + tail;
      const r = await analyzeBytes(new TextEncoder().encode(cut), 'cut.html');
      expect(r.source.format).toBe('html');
      expect(Object.keys(r.tables).length).toBeGreaterThan(0);
    });
  }
});
