// Worker thread: tags batches of whole threads sent by the main thread (see src/pipeline/pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { tagBatch } from '../pipeline/tag-batch.js';
import type { TagJob, TagWorkerData } from '../pipeline/pool.js';
import { keyHash } from '../pipeline/templates.js';

const { cues, formula, model } = workerData as TagWorkerData;

parentPort!.on('message', (job: TagJob) => {
  let count: (key: string) => number;
  if (job.scripts) {
    const byHash = new Map(job.scripts);
    count = (key) => byHash.get(keyHash(key)) ?? 0;
  } else {
    const counts = new Map(job.templates);
    count = (key) => counts.get(key) ?? 0;
  }
  const tags = tagBatch(job.threads, count, cues, formula, model);
  parentPort!.postMessage({ id: job.id, tags });
});
