// The rule registry: explicit imports, sorted by id. Codes are never reused.
import type { Rule } from './define.js';
import encodingGuessed from './encoding-guessed.js';
import rowUnreadable from './row-unreadable.js';
import tableReading from './table-reading.js';
import templateVersion from './template-version.js';
import tableMissing from './table-missing.js';
import rowMissing from './row-missing.js';
import rowUnrecognised from './row-unrecognised.js';
import cellCount from './cell-count.js';
import columnMissing from './column-missing.js';
import sectionMissing from './section-missing.js';
import sectionUnnumbered from './section-unnumbered.js';
import feeStatement from './fee-statement.js';
import latePublication from './late-publication.js';
import labelVariant from './label-variant.js';
import metadataMissing from './metadata-missing.js';
import blankCells from './blank-cells.js';
import invalidValue from './invalid-value.js';
import valueReadAs from './value-read-as.js';
import gluedDigitsSplit from './glued-digits-split.js';
import gluedDigitsAmbiguous from './glued-digits-ambiguous.js';
import requestsBalance from './requests-balance.js';
import requestsRowTotal from './requests-row-total.js';
import requestsResultsTotal from './requests-results-total.js';
import appealsGroupTotal from './appeals-group-total.js';
import narrativeMismatch from './narrative-mismatch.js';
import crossYearCarry from './cross-year-carry.js';
import crossYearInForce from './cross-year-in-force.js';

const registry: Rule<string>[] = [
  encodingGuessed,
  rowUnreadable,
  tableReading,
  templateVersion,
  tableMissing,
  rowMissing,
  rowUnrecognised,
  cellCount,
  columnMissing,
  sectionMissing,
  sectionUnnumbered,
  feeStatement,
  latePublication,
  labelVariant,
  metadataMissing,
  blankCells,
  invalidValue,
  valueReadAs,
  gluedDigitsSplit,
  gluedDigitsAmbiguous,
  requestsBalance,
  requestsRowTotal,
  requestsResultsTotal,
  appealsGroupTotal,
  narrativeMismatch,
  crossYearCarry,
  crossYearInForce,
] as Rule<string>[];

/** Every rule, sorted by id: per-report rules (`check`) and run-level rules (`checkRun`, src/engine/run.ts). */
export const RULES: readonly Rule<string>[] = registry;

/**
 * Adds a rule to the registry (a plug-in rule; a made-up one in tests), in id order. Its id and
 * name must be new. Known to this process only: worker threads load the built-in rules.
 */
export function registerRule<M extends string>(rule: Rule<M>): void {
  if (registry.some((r) => r.id === rule.id || r.name === rule.name)) throw new Error(`rule ${rule.id} ${rule.name} is already registered`);
  const at = registry.findIndex((r) => r.id > rule.id);
  registry.splice(at < 0 ? registry.length : at, 0, rule as Rule<string>);
}

/** Finds a rule by id (GIA301) or name (requests-balance). */
export function findRule(idOrName: string): Rule<string> | undefined {
  return RULES.find((r) => r.id === idOrName || r.name === idOrName);
}
