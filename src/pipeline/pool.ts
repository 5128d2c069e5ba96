// A small pool of worker threads that tag batches of threads in order, a few batches in flight each.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Thread } from '../model/types.js';
import type { HealthFormula } from '../score/health.js';
import type { CueSet } from '../taggers/lexicons/index.js';
import type { EpicModel } from '../taggers/model.js';
import type { ExchangeTags } from './tag-batch.js';

/** What every worker is started with. */
export interface TagWorkerData {
  cues: CueSet;
  formula: HealthFormula;
  model: EpicModel;
}

/** One batch: whole threads, and the script counts their brand messages need. */
export interface TagJob {
  id: number;
  threads: Thread[];
  templates: [string, number][];
  /** Or script counts by key hash (`keyHash`), as the streaming pipeline counts them. */
  scripts?: [number, number][];
}

/** Batches each worker holds at once: one being tagged, one waiting, so no worker idles on a round trip. */
const IN_FLIGHT = 2;

function workerUrl(): URL {
  const sibling = new URL('../workers/tag-worker.js', import.meta.url);
  // Under vitest this module runs from src/*.ts; the worker is the built one in dist/.
  return existsSync(fileURLToPath(sibling)) ? sibling : new URL('../../dist/workers/tag-worker.js', import.meta.url);
}

/**
 * Old-generation heap of a streaming worker, in MB. Tagging keeps about 60-80 MB alive (wink's model
 * most of it); without a cap V8 lets each worker's heap grow past 200 MB before collecting, which is
 * most of a large run's memory. A worker that still runs out is replaced by one without the cap.
 */
export const WORKER_HEAP_MB = 128;

function startWorker(data: TagWorkerData, heapMb?: number): Worker {
  return new Worker(workerUrl(), { workerData: data, ...(heapMb ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}) });
}

/**
 * Tag the batches `next()` yields on `size` workers; results come back in batch order.
 * `next` is called lazily, so the main thread prepares a batch only when a worker can take it.
 */
export async function tagInWorkers(next: () => Omit<TagJob, 'id'> | null, size: number, data: TagWorkerData): Promise<ExchangeTags[][]> {
  const workers = Array.from({ length: size }, () => startWorker(data));
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

/**
 * Workers fed as batches become ready (the streaming pipeline): `post` resolves with a batch's tags;
 * callers wait for `ready()` first, so reading never runs more than `IN_FLIGHT` batches per worker ahead.
 */
export class TagPool {
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly pending = new Map<number, { resolve: (tags: ExchangeTags[]) => void; reject: (error: Error) => void; worker: number; job: TagJob }>();
  private readonly waiting: (() => void)[] = [];
  private nextId = 0;
  private failure: Error | null = null;
  /** Workers replaced after running out of heap under the cap. */
  restarts = 0;

  constructor(
    size: number,
    private readonly data: TagWorkerData,
    heapMb: number | undefined = WORKER_HEAP_MB,
  ) {
    this.workers = [];
    this.load = [];
    for (let w = 0; w < size; w++) {
      this.load.push(0);
      this.workers.push(this.start(w, heapMb));
    }
  }

  private start(w: number, heapMb: number | undefined): Worker {
    const worker = startWorker(this.data, heapMb);
    worker.on('message', (reply: { id: number; tags: ExchangeTags[] }) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      this.load[w]!--;
      job.resolve(reply.tags);
      this.waiting.shift()?.();
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
      for (const wake of this.waiting.splice(0)) wake();
    };
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY' || heapMb === undefined || this.failure) return fail(error);
      // Past the cap (a batch of unusually long texts): the same jobs again, on a worker without it.
      this.restarts++;
      const replacement = (this.workers[w] = this.start(w, undefined));
      for (const [id, job] of this.pending) if (job.worker === w) replacement.postMessage({ ...job.job, id } satisfies TagJob);
    });
    worker.on('exit', (code) => {
      if (code !== 0 && this.workers[w] === worker) fail(new Error(`tag worker exited with code ${code}`));
    });
    return worker;
  }

  /** Resolves when a worker can take another batch (every worker holds fewer than `IN_FLIGHT`). */
  async ready(): Promise<void> {
    while (!this.failure && Math.min(...this.load) >= IN_FLIGHT) await new Promise<void>((wake) => this.waiting.push(wake));
    if (this.failure) throw this.failure;
  }

  /** Send a batch to the least busy worker now; resolves with its tags. */
  post(job: Omit<TagJob, 'id'>): Promise<ExchangeTags[]> {
    if (this.failure) return Promise.reject(this.failure);
    const w = this.load.indexOf(Math.min(...this.load));
    this.load[w]!++;
    const id = this.nextId++;
    const message: TagJob = { id, ...job };
    return new Promise<ExchangeTags[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: w, job: message });
      this.workers[w]!.postMessage(message);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
