// Tool identity, shared by the CLI and the JSON outputs.
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const TOOL = { name: pkg.name, version: pkg.version } as const;

/** Version of the JSON output contract (convert --to json, lint -f json). */
export const SCHEMA_VERSION = 1;
