// A small pool of worker threads that tag batches of threads in order, a few batches in flight each.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Thread } from '../model/types.js';
import type { HealthFormula } from '../score/health.js';
import type { CueSet } from '../taggers/lexicons/index.js';
import type { ExchangeTags } from './tag-batch.js';

/** What every worker is started with. */
export interface TagWorkerData {
  cues: CueSet;
  formula: HealthFormula;
}

/** One batch: whole threads, and the script counts their brand messages need. */
export interface TagJob {
  id: number;
  threads: Thread[];
  templates: [string, number][];
}

/** Batches each worker holds at once: one being tagged, one waiting, so no worker idles on a round trip. */
const IN_FLIGHT = 2;

function workerUrl(): URL {
  const sibling = new URL('../workers/tag-worker.js', import.meta.url);
  // Under vitest this module runs from src/*.ts; the worker is the built one in dist/.
  return existsSync(fileURLToPath(sibling)) ? sibling : new URL('../../dist/workers/tag-worker.js', import.meta.url);
}

/**
 * Tag the batches `next()` yields on `size` workers; results come back in batch order.
 * `next` is called lazily, so the main thread prepares a batch only when a worker can take it.
 */
export async function tagInWorkers(next: () => Omit<TagJob, 'id'> | null, size: number, data: TagWorkerData): Promise<ExchangeTags[][]> {
  const workers = Array.from({ length: size }, () => new Worker(workerUrl(), { workerData: data }));
  const results: ExchangeTags[][] = [];
  let nextId = 0;
  let done = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      const feed = (worker: Worker): void => {
        if (done) return;
        const job = next();
        if (!job) {
          done = true;
          if (active === 0) resolve();
          return;
        }
        active++;
        worker.postMessage({ id: nextId++, ...job } satisfies TagJob);
      };
      for (const worker of workers) {
        worker.on('message', (reply: { id: number; tags: ExchangeTags[] }) => {
          results[reply.id] = reply.tags;
          active--;
          feed(worker);
          if (done && active === 0) resolve();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`tag worker exited with code ${code}`));
        });
      }
      for (let i = 0; i < IN_FLIGHT; i++) for (const worker of workers) feed(worker);
      if (done && active === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
