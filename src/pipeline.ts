// read → normalize → analyze → tag: the whole analysis as plain data, no terminal or files.
import type { Diagnostic, Message, RawMessage, SourceKind, TaggedExchange, Thread } from './model/types.js';
import { analyzeMessage, type MessageAnalysis } from './nlp/analyze.js';
import { assignMentionedAccounts, cutExchanges } from './normalize/exchanges.js';
import { buildThreads } from './normalize/threads.js';
import { DEFAULT_FORMULA, type HealthFormula } from './score/health.js';
import { detectSource } from './sources/detect.js';
import type { InputFile } from './sources/input.js';
import type { SourceOptions } from './sources/adapter.js';
import { tagExchange } from './taggers/index.js';
import { compileCues, type CueSet } from './taggers/lexicons/index.js';
import type { TagContext } from './taggers/tagger.js';

/** How many records of one input were read, used and rejected (read = used + rejected). */
export interface FileSummary {
  file: string;
  source: SourceKind;
  read: number;
  used: number;
  rejected: number;
  /**
   * Where the customer/brand roles came from: the export or `--brand`/`--brand-domain` (`given`),
   * or the thread's shape — the opener is the customer, whoever answers is the brand side (`inferred`).
   */
  roles?: 'given' | 'inferred' | 'mixed' | 'none';
}

export interface PipelineResult {
  tagged: TaggedExchange[];
  threads: Thread[];
  diagnostics: Diagnostic[];
  files: FileSummary[];
}

export interface PipelineOptions {
  source?: SourceKind;
  /** Column mapping, brand names and domains, time format: what adapters need to read inputs. */
  read?: SourceOptions;
  formula?: HealthFormula;
  cues?: CueSet;
  /** Called now and then with the number of records read so far. */
  onProgress?: (recordsRead: number) => void;
  /** Called once per input with the adapter chosen for it. */
  onSource?: (file: string, source: SourceKind) => void;
}

let defaultCues: CueSet | undefined;

export async function readInputs(inputs: InputFile[], options: PipelineOptions = {}): Promise<{ messages: RawMessage[]; diagnostics: Diagnostic[]; files: FileSummary[] }> {
  const messages: RawMessage[] = [];
  const diagnostics: Diagnostic[] = [];
  const files: FileSummary[] = [];
  let read = 0;
  for (const named of inputs) {
    const { adapter, input } = await detectSource(named, options.source, options.read);
    options.onSource?.(input.name, adapter.kind);
    const summary: FileSummary = { file: input.name, source: adapter.kind, read: 0, used: 0, rejected: 0, roles: 'none' };
    for await (const item of adapter.read(input, options.read ?? {})) {
      if ('diagnostic' in item && item.diagnostic.severity === 'warning') {
        // A repair (e.g. bytes replaced in decoding), not a record: shown, never counted.
        diagnostics.push(item.diagnostic);
        continue;
      }
      summary.read++;
      if ('message' in item) messages.push(item.message);
      else {
        diagnostics.push(item.diagnostic);
        summary.rejected++;
      }
      if (++read % 1000 === 0) options.onProgress?.(read);
    }
    files.push(summary);
  }
  return { messages, diagnostics, files };
}

export function tagThreads(threads: Thread[], options: PipelineOptions = {}): TaggedExchange[] {
  const cues = options.cues ?? (defaultCues ??= compileCues());
  const analyses = new Map<Message, MessageAnalysis>();
  const analysis = (m: Message): MessageAnalysis => {
    let a = analyses.get(m);
    if (!a) {
      a = analyzeMessage(m.text, m.role, cues);
      analyses.set(m, a);
    }
    return a;
  };
  const templates = new Map<string, number>();
  for (const thread of threads) {
    for (const m of thread.messages) {
      if (m.role !== 'brand') continue;
      const key = analysis(m).template;
      templates.set(key, (templates.get(key) ?? 0) + 1);
    }
  }
  const ctx: TagContext = { analysis, templateCount: (key) => templates.get(key) ?? 0 };
  const exchanges = threads.flatMap(cutExchanges);
  const brands = new Set(threads.flatMap((t) => t.messages.filter((m) => m.role === 'brand').map((m) => m.brand ?? m.author)));
  assignMentionedAccounts(exchanges, brands);
  return exchanges.map((e) => tagExchange(e, ctx, options.formula ?? DEFAULT_FORMULA));
}

export async function runPipeline(inputs: InputFile[], options: PipelineOptions = {}): Promise<PipelineResult> {
  const { messages, diagnostics, files } = await readInputs(inputs, options);
  const built = buildThreads(messages);
  for (const d of built.diagnostics) {
    if (d.severity === 'warning') continue;
    const summary = summaryOf(files, d.file);
    if (summary) summary.rejected++;
  }
  diagnostics.push(...built.diagnostics);
  for (const f of files) f.used = f.read - f.rejected;
  noteRoleSources(files, built.threads);
  return { tagged: tagThreads(built.threads, options), threads: built.threads, diagnostics, files };
}

/** The summary of the input a file belongs to: the file itself, or the directory (maildir) it was read from. */
function summaryOf(files: readonly FileSummary[], file: string): FileSummary | undefined {
  return files.find((f) => f.file === file) ?? files.find((f) => file.startsWith(`${f.file.replace(/\/+$/, '')}/`));
}

/** Say per input whether roles were given by the export or inferred from the threads. */
function noteRoleSources(files: readonly FileSummary[], threads: readonly Thread[]): void {
  const seen = new Map<FileSummary, Set<Message['roleSource']>>();
  for (const t of threads) {
    for (const m of t.messages) {
      const summary = summaryOf(files, m.file);
      if (!summary) continue;
      const sources = seen.get(summary) ?? new Set();
      sources.add(m.roleSource);
      seen.set(summary, sources);
    }
  }
  for (const [summary, sources] of seen) summary.roles = sources.size > 1 ? 'mixed' : [...sources][0] ?? 'none';
}
