// Public API: read, extract and lint reports without the CLI.
export * from './types.js';
export { GiaError, isGiaError, type ErrorCode } from './errors.js';
export { readBytes, detectFormat, SUPPORTED_EXTENSIONS } from './readers/index.js';
export { extractReport } from './engine/extract.js';
export { lintReport, countSeverities } from './engine/lint.js';
export { analyzeBytes, analyzeDoc } from './engine/analyze.js';
export { TEMPLATES, getTemplate, detectTemplate } from './templates/index.js';
export { RULES, findRule } from './rules/index.js';
export { reportJson, diagnosticJson } from './writers/json.js';
export { FORMAT_NAMES, FORMATTER_LOADERS, loadFormatter } from './formatters/index.js';
export { crossYearDiagnostics } from './engine/run.js';
export { main } from './cli/main.js';
