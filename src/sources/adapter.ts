// The contract every source adapter meets.
import type { Diagnostic, RawMessage, SourceKind } from '../model/types.js';
import type { InputFile } from './input.js';

/** What an adapter yields: a message, or a diagnostic for a record it could not use. */
export type SourceItem = { message: RawMessage } | { diagnostic: Diagnostic };

export interface SourceAdapter {
  kind: SourceKind;
  description: string;
  /** Whether the first bytes of a file (as text) look like this format. */
  sniff(head: string, name: string): boolean;
  /** Stream the file's messages; throws `InputError` only when the whole file is unusable. */
  read(input: InputFile): AsyncIterable<SourceItem>;
}
