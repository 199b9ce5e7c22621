// A worker thread of a batch (imported with workerData.giaWorker = JobOptions). The main thread
// sends arrays of jobs ({ id, path, target? }: paths, not bytes); the worker runs them one at a
// time in arrival order (src/cli/job.ts: read, analyse, encode, write -o DIR outputs) and posts one
// small outcome per job as soon as it is done, its encoded bytes transferred, not copied. One job
// at a time and one outcome per job: the main thread knows which input a crash belongs to.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type Job, type JobOptions, type JobOutcome } from './job.js';

export { analyzeOne, errorResult, internalMessage, type Job, type JobOptions, type JobOutcome } from './job.js';

if (parentPort && (workerData as { giaWorker?: JobOptions } | null)?.giaWorker) {
  const port = parentPort;
  const opts = (workerData as { giaWorker: JobOptions }).giaWorker;
  const queue: Job[] = [];
  let running = false;
  const run = async (): Promise<void> => {
    running = true;
    while (queue.length) {
      const out: JobOutcome = await runJob(queue.shift()!, opts);
      const chunk = out.chunk;
      port.postMessage(out, chunk instanceof Uint8Array ? [chunk.buffer as ArrayBuffer] : []);
    }
    running = false;
  };
  port.on('message', (jobs: Job[]) => {
    queue.push(...jobs);
    if (!running) void run();
  });
}
