// Cross-file rule: its cases are in tests/cross-year.test.ts (crossYearDiagnostics); per report it reports nothing.
import { crossFileRuleSuite } from './_rule-inputs.js';

crossFileRuleSuite('GIA402', 'cross-year-carry');
