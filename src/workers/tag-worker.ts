// Worker thread: tags batches of whole threads sent by the main thread (see src/pipeline/pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { tagBatch } from '../pipeline/tag-batch.js';
import type { TagJob, TagWorkerData } from '../pipeline/pool.js';

const { cues, formula } = workerData as TagWorkerData;

parentPort!.on('message', (job: TagJob) => {
  const counts = new Map(job.templates);
  const tags = tagBatch(job.threads, (key) => counts.get(key) ?? 0, cues, formula);
  parentPort!.postMessage({ id: job.id, tags });
});
