// What a pipeline run takes and gives: options, the result, per-input counts (types only; pipeline.ts runs it).
import type { Diagnostic, FileSummary, SourceKind, TaggedExchange, Thread } from '../model/types.js';
import type { HealthFormula } from '../score/health.js';
import type { SourceOptions } from '../sources/adapter.js';
import type { CueSet } from '../taggers/lexicons/index.js';
import type { EpicModel } from '../taggers/model.js';

export interface PipelineResult {
  tagged: TaggedExchange[];
  threads: Thread[];
  diagnostics: Diagnostic[];
  files: FileSummary[];
  /** Under redaction (in memory): the id an original message or exchange id became. */
  maskId?: (id: string) => string;
}

export interface PipelineOptions {
  source?: SourceKind;
  /** Column mapping, brand names and domains, time format: what adapters need to read inputs. */
  read?: SourceOptions;
  formula?: HealthFormula;
  cues?: CueSet;
  /** The learned decision's weights (`--model`); default: the built-in model. */
  model?: EpicModel;
  /** Called now and then with the number of records read so far. */
  onProgress?: (recordsRead: number) => void;
  /** Called after each tagged batch with the messages tagged so far and in all. */
  onTagged?: (messages: number, total: number) => void;
  /** Called once per input with the adapter chosen for it. */
  onSource?: (file: string, source: SourceKind) => void;
  /**
   * Script counts over a larger input than this one (from `rapport shard --scripts`): they win over the
   * counts of these inputs, so a shard tags scripts exactly as the whole input would.
   */
  scripts?: ReadonlyMap<string, number>;
  /** Worker threads for tagging; 0 tags in this thread. Default: RAPPORT_WORKERS, else by input size and cores. */
  workers?: number;
  /**
   * Where each finished thread goes with its tagged exchanges, and its place in the input's thread
   * order (a report reducer): in thread order up to `ordered` messages (pipeline/stream.ts), else as they complete. The
   * result's `tagged` and `threads` are then empty.
   */
  reduce?: (thread: Thread, tagged: TaggedExchange[], order: number) => void;
  /**
   * Where tagged exchanges go, a batch at a time as they are ready (`rapport tag`), in thread order up to
   * `ordered` messages, else as threads complete; nothing is kept (the result's `tagged` and `threads` are empty).
   */
  sink?: (tagged: TaggedExchange[]) => Promise<void>;
  /** Mask personal data (redact/result.ts) before anything reaches a sink, a reducer or the result. */
  redact?: boolean;
  /**
   * Inputs of at most this many messages give their threads in thread order; larger ones as each thread
   * completes (default pipeline/stream.ts ORDERED_MESSAGES; 0 in tests: a large input's order).
   */
  ordered?: number;
}
