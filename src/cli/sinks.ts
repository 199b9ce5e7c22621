// Where converted reports go, for any writer of the registry (src/writers/index.ts): stdout, one
// file per input under a directory (paths planned and checked before anything is written; each
// written by its job when the writer encodes per report), one combined file streamed piece by
// piece (a writer's `frame`), one gathered through a temporary file of values (`gather`), or one
// built from every whole report (`whole`).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LintedReport } from '../types.js';
import { isFatal } from '../types.js';
import { VALUES_PART, pieceText, type Gather, type GatheredRow, type Piece, type Target, type Writer, type WriterOptions } from '../writers/index.js';
import type { ChunkSpec } from './job.js';
import type { InputSpec } from './inputs.js';
import type { ResultStore } from './results.js';
import { AtomicFileWriter, LineSpill, planMirroredOutputs, writeFileAtomic, writePieces } from './io.js';

/** What each job produces for a sink: its encoded chunk (UTF-8 bytes or text), or under -o DIR its file, written by the job. */
export interface OutputPlan {
  chunk: ChunkSpec;
  bytes: boolean;
  /** -o DIR: each input's output file, in input order. */
  targets?: string[];
}

export interface ReportSink {
  /** What jobs produce for this sink; null: it needs whole reports (`write` gets them). */
  plan: OutputPlan | null;
  /** `close` reads the results (a gathered output's rows); otherwise only their counts matter after the batch. */
  readsResults?: boolean;
  /** Called in input order for each readable report (whole when `plan` is null, with its chunk otherwise). */
  write(index: number, r: LintedReport, chunk?: Piece): Promise<void>;
  /** Completes the output (renames a combined file into place); `results`: every input's final result, in input order. */
  close(results: ResultStore): Promise<void>;
  /** Interrupted: removes temporaries; per-input files already written stay (each complete). */
  abort(): Promise<void>;
}

const noop = async (): Promise<void> => {};

/** The sink of writer `w` for `inputs`: `output` is an absolute path (a directory when `outputIsDir`), undefined = stdout. */
export async function createReportSink(o: {
  writer: Writer;
  options: WriterOptions;
  inputs: InputSpec[];
  output?: string;
  outputIsDir: boolean;
  stdout: { write(s: string | Uint8Array): unknown };
}): Promise<ReportSink> {
  const w = o.writer;
  const wo = o.options;
  await w.prepare?.(wo);
  if (o.output && o.outputIsDir) {
    const targets = await planMirroredOutputs(o.output, o.inputs, w.ext);
    if (w.encode) return { plan: { chunk: { writer: w.name, part: 'one', o: wo }, bytes: false, targets }, write: noop, close: noop, abort: noop };
    return {
      plan: null,
      write: async (i, r) => {
        const data = await w.whole!([r], wo);
        if (data !== null) await writeFileAtomic(targets[i]!, data);
      },
      close: noop,
      abort: noop,
    };
  }
  const target: Target = o.output ?? 'stdout';
  const frame = w.encode ? w.frame?.(target, wo, o.inputs.length) : undefined;
  if (frame) {
    const plan: OutputPlan = { chunk: { writer: w.name, part: frame.part, o: wo }, bytes: !!o.output };
    if (!o.output) {
      return {
        plan,
        write: async (_i, _r, chunk) => {
          for (const p of frame.add(chunk!)) o.stdout.write(pieceText(p));
        },
        close: async () => void o.stdout.write(frame.end()),
        abort: noop,
      };
    }
    const file = await new AtomicFileWriter(o.output).open();
    return {
      plan,
      write: async (_i, _r, chunk) => {
        for (const p of frame.add(chunk!)) await file.write(p);
      },
      close: async () => {
        await file.write(frame.end());
        await file.commit();
      },
      abort: () => file.abort(),
    };
  }
  const gather = w.gather?.(wo, o.inputs.length);
  if (gather) return gatheredSink(gather, { writer: w.name, part: VALUES_PART, o: wo }, o.output, o.stdout);
  // neither streamed nor gathered: every whole report, then the output at once (a one-input workbook)
  const all: LintedReport[] = [];
  return {
    plan: null,
    write: async (_i, r) => void all.push(r),
    close: async () => {
      const data = await w.whole!(all, wo);
      if (data === null) return;
      if (o.output) await writeFileAtomic(o.output, data);
      else if (all.length) o.stdout.write(data); // a byte stream (xlsx) is written as is
    },
    abort: noop,
  };
}

/**
 * The sink of a gathered output ({@link Gather}): each report's values line (`index json`) goes to
 * a temporary file next to the output; at the end they are read back with the final results and
 * the output is written (atomically) or sent to stdout piece by piece.
 */
async function gatheredSink(g: Gather, spec: ChunkSpec, output: string | undefined, stdout: { write(s: string | Uint8Array): unknown }): Promise<ReportSink> {
  const spill = await new LineSpill(output ?? join(tmpdir(), 'gia-report-out')).open();
  const ids = new Set<string>();
  return {
    plan: { chunk: spec, bytes: true },
    readsResults: true,
    write: async (i, r, chunk) => {
      ids.add(r.template.id);
      await spill.write(`${i} `);
      await spill.write(chunk!); // the jobs encode every readable report (plan.chunk)
    },
    close: async (results) => {
      async function* rows(): AsyncGenerator<GatheredRow> {
        for await (const line of spill.lines()) {
          const sp = line.indexOf(' ');
          const r = results.get(Number(line.slice(0, sp)));
          if (!r || isFatal(r)) continue;
          yield { r, values: (JSON.parse(line.slice(sp + 1)) as [string, ...(number | null)[]]).slice(1) as (number | null)[] };
        }
      }
      function* again(): Generator<LintedReport> {
        for (const r of results) if (!isFatal(r)) yield r;
      }
      try {
        // nothing readable: nothing on stdout (a file still gets what `finish` gives, e.g. a CSV head)
        const pieces = ids.size || output ? g.finish([...ids], rows(), again) : null;
        if (pieces) await writePieces(pieces, output ?? stdout);
      } finally {
        await spill.abort();
      }
    },
    abort: () => spill.abort(),
  };
}
