// The plain data every stage shares: messages, threads, exchanges, labels, diagnostics.

/** Every export format rapport can read. Tables keyed by this union must list them all. */
export type SourceKind = 'twcs' | 'mbox' | 'eml' | 'irc' | 'chat-json' | 'chat-csv' | 'csv';

export type Role = 'customer' | 'brand';

/** One message as a source adapter read it, before threads and exchanges exist. */
export interface RawMessage {
  /** Opaque id, byte-for-byte as in the export. */
  id: string;
  source: SourceKind;
  file: string;
  /**
   * The input the message was read from when that is not `file` itself (a maildir or a folder of .eml
   * files is one input of many files): ids are unique within an input.
   */
  input?: string;
  /** 1-based line of the record's first line in its file. */
  line: number;
  author: string;
  /** The role when the export (or `--brand`/`--brand-domain`) says it; null to infer it from the thread (normalize/roles.ts). */
  role: Role | null;
  bot?: boolean;
  /** Epoch milliseconds, or null when the export had no usable time. */
  time: number | null;
  /** Text exactly as exported (email: the body without quoted replies and signature); evidence spans point into it. */
  text: string;
  /** The whole body for display when `text` is a stripped part of it (email). */
  fullText?: string | null;
  /** The subject line as written (email): announcements are read from its tags. */
  subject?: string | null;
  /** Normalized subject, for threading replies whose parent is not in the input (email). */
  topic?: string | null;
  /** The export says this message answers another (reply headers, `Re:`), even when its parent is unknown. */
  reply?: boolean;
  /** Addresses on the message (email From, To, Cc): a reply joins a thread by subject only if they share one. */
  participants?: string[];
  /** Id of the message this one replies to (reply-linked exports). */
  parent?: string | null;
  /** Conversation id given by the export (chat exports). */
  conversation?: string | null;
  /**
   * Whom the message answers by name, when its text says: the author an email's attribution line quotes
   * ("On …, Jane Doe wrote:"), the nick an IRC line addresses ("jane: try …"). Role inference reads it.
   */
  answers?: string | null;
  /** Brand account this message belongs to, when the export says. */
  brand?: string | null;
  channel?: string | null;
}

/** A message inside a thread, with what normalization derived. */
export interface Message extends RawMessage {
  role: Role;
  /** Whether the role came from the export/options (`given`) or from the thread's shape (`inferred`). */
  roleSource: 'given' | 'inferred';
  /** Why an inferred role is what it is ("opened the thread", "announcement to the list"…); absent for given roles. */
  roleReason?: string;
  /** Agent id for brand messages signed by a person (`AppleSupport/JK`). */
  agent: string | null;
}

/** One conversation: a reply tree, a chat session or an email thread. */
export interface Thread {
  id: string;
  messages: Message[];
}

/** A customer turn and the brand turn that answers it (EPIC.md). */
export interface Exchange {
  id: string;
  thread: string;
  source: SourceKind;
  /** The input the exchange was read from (its first message's). */
  file: string;
  customer: string | null;
  brand: string | null;
  /** The brand account the exchange belongs to: the replying brand, else the one the thread or the customer addressed. */
  account: string | null;
  agent: string | null;
  customerTurn: Message[];
  brandTurn: Message[];
  /** The brand turn just before this exchange's customer turn in the thread, if any. */
  previousBrandTurn: Message[];
  /** Position of the exchange in its thread, 0-based. */
  index: number;
  /** Seconds from the last customer message to the first brand message. */
  responseSeconds: number | null;
  /** Time of the exchange's first message (epoch ms). */
  time: number | null;
}

export type Axis = 'experience' | 'permission' | 'involvement' | 'conversation';
export const AXES: readonly Axis[] = ['experience', 'permission', 'involvement', 'conversation'];

export const AXIS_LABELS = {
  experience: ['positive', 'neutral', 'negative'],
  permission: ['granted', 'neutral', 'revoked'],
  involvement: ['high', 'medium', 'low'],
  conversation: ['two-way', 'one-way', 'none'],
} as const satisfies Record<Axis, readonly string[]>;

export type AxisLabelName<A extends Axis> = (typeof AXIS_LABELS)[A][number];

/** Why a label was given: the cue, the message it fired in and the quoted span. */
export interface Evidence {
  cue: string;
  message: string;
  /** Character offsets into the message's exported text. */
  start: number;
  end: number;
  text: string;
}

export interface AxisLabel {
  label: string;
  /** In [-1, 1]: how strongly the evidence points up (+) or down (-) on this axis. */
  score: number;
  evidence: Evidence[];
  /** The learned decision's probability per label, when the model decided (absent where a rule does: no turn to read). */
  probabilities?: Record<string, number>;
}

export type RueFlag = 'relevance' | 'utility' | 'entertainment';
export const RUE_FLAGS: readonly RueFlag[] = ['relevance', 'utility', 'entertainment'];

export interface Rue {
  relevance: 0 | 1;
  utility: 0 | 1;
  entertainment: 0 | 1;
  evidence: { [F in RueFlag]: Evidence[] };
}

/** An exchange with its EPIC labels: the unit `rapport tag` prints. */
export interface TaggedExchange {
  exchange: Exchange;
  labels: { [A in Axis]: AxisLabel };
  rue: Rue;
  /** Health of this exchange 0-100; NaN when it has no customer turn (not scored). */
  health: number;
  /** Topic terms of the customer turn (nouns and short noun phrases), in text order. */
  terms: string[];
}

/** A row or file that could not be used. Bad input is data, not an exception. */
export interface Diagnostic {
  code: string;
  file: string;
  line: number | null;
  message: string;
  /** The raw record, when there was one, for `--rejects`. */
  raw?: string;
  /** `warning`: something was repaired but the record was still used (not counted as rejected). */
  severity?: 'warning';
}

/** How many records of one input were read, used and rejected (read = used + rejected). */
export interface FileSummary {
  file: string;
  source: SourceKind;
  read: number;
  used: number;
  rejected: number;
  /**
   * Where the customer/brand roles came from: the export or `--brand`/`--brand-domain` (`given`),
   * or the conversation, read by normalize/roles.ts (`inferred`); `mixed` when both.
   */
  roles?: 'given' | 'inferred' | 'mixed' | 'none';
}
