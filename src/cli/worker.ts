// A worker thread of a batch (imported with workerData.giaWorker = JobOptions). The main thread
// sends arrays of jobs ({ id, path, target? }: paths, not bytes); the worker runs them one at a
// time in arrival order (src/cli/job.ts: read, analyse, encode, write -o DIR outputs) and posts
// their small outcomes in batches (one message per {@link SEND_EVERY} outcomes, or sooner when it
// has nothing left to do or {@link SEND_AFTER_MS} have passed), the encoded bytes transferred, not
// copied. The job in progress and when it started are in shared memory (workerData.giaState,
// {@link JobState}): the main thread knows which input a crash or a time-out belongs to even when
// finished outcomes were still waiting to be sent.
import { parentPort, workerData } from 'node:worker_threads';
import { JobState, SEND_AFTER_MS, SEND_EVERY, runJob, type Job, type JobOptions, type JobOutcome } from './job.js';

export { analyzeOne, errorResult, internalMessage, type Job, type JobOptions, type JobOutcome } from './job.js';

const data = workerData as { giaWorker?: JobOptions; giaState?: SharedArrayBuffer } | null;
if (parentPort && data?.giaWorker) {
  const port = parentPort;
  const opts = data.giaWorker;
  const state = data.giaState ? new JobState(data.giaState) : null;
  const queue: Job[] = [];
  let outbox: JobOutcome[] = [];
  let transfer: ArrayBuffer[] = [];
  let sentAt = performance.now();
  let running = false;
  const send = (): void => {
    if (outbox.length) port.postMessage(outbox, transfer);
    outbox = [];
    transfer = [];
    sentAt = performance.now();
  };
  const run = async (): Promise<void> => {
    running = true;
    while (queue.length) {
      const job = queue.shift()!;
      state?.set(job.id);
      const out: JobOutcome = await runJob(job, opts);
      outbox.push(out);
      if (out.chunk instanceof Uint8Array) transfer.push(out.chunk.buffer as ArrayBuffer);
      state?.set(-1);
      if (outbox.length >= SEND_EVERY || queue.length === 0 || performance.now() - sentAt >= SEND_AFTER_MS) send();
    }
    running = false;
  };
  port.on('message', (jobs: Job[]) => {
    queue.push(...jobs);
    if (!running) void run();
  });
}
