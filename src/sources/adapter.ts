// The contract every source adapter meets.
import type { Diagnostic, RawMessage, SourceKind } from '../model/types.js';
import type { InputFile } from './input.js';

/** What an adapter yields: a message, or a diagnostic for a record it could not use. */
export type SourceItem = { message: RawMessage } | { diagnostic: Diagnostic };

/** The fields a mapped CSV (or chat export) can name: `--map conversation=ticket_id,text=body`. */
export const MAP_FIELDS = ['id', 'conversation', 'time', 'author', 'text', 'role', 'parent', 'brand', 'channel'] as const;
export type MapField = (typeof MAP_FIELDS)[number];
export type ColumnMap = Partial<Record<MapField, string>>;

/** What the user told rapport about the inputs (options or the config's `source` section). */
export interface SourceOptions {
  /** Column for each field, for `csv` (and to override the names `chat-csv`/`chat-json` guess). */
  map?: ColumnMap;
  /** Author names or ids that are the brand side (`--brand`). */
  brands?: string[];
  /** Email domains of the brand side (`--brand-domain`). */
  brandDomains?: string[];
  /** Time format for unusual timestamps, e.g. `DD/MM/YYYY HH:mm` (`--time-format`). */
  timeFormat?: string;
  /** Zone for times without an offset: `UTC`, `+02:00` or an IANA name (`--tz`). */
  timezone?: string;
}

export interface SourceAdapter {
  kind: SourceKind;
  description: string;
  /** Whether the first bytes of a file (as text) look like this format; `name` is the path (a directory for maildirs). */
  sniff(head: string, name: string): boolean;
  /** Stream the file's messages; throws `InputError` only when the whole file is unusable. */
  read(input: InputFile, options: SourceOptions): AsyncIterable<SourceItem>;
}
