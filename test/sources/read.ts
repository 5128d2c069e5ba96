// Test helpers for source adapters: read a fixture with any adapter, split messages from diagnostics.
import type { Diagnostic, RawMessage, SourceKind } from '../../src/model/types.js';
import type { SourceItem, SourceOptions } from '../../src/sources/adapter.js';
import { SOURCES } from '../../src/sources/index.js';
import { inputFromPath, inputFromText } from '../../src/sources/input.js';

export async function readSource(kind: SourceKind, pathOrName: string, options: SourceOptions = {}, text?: string | Buffer): Promise<{ messages: RawMessage[]; diagnostics: Diagnostic[]; items: SourceItem[] }> {
  const input = text === undefined ? { ...inputFromPath(pathOrName), open: () => inputFromPath(pathOrName).open() } : inputFromText(pathOrName, text);
  const items: SourceItem[] = [];
  for await (const item of SOURCES[kind].read(input, options)) items.push(item);
  return {
    items,
    messages: items.flatMap((i) => ('message' in i ? [i.message] : [])),
    diagnostics: items.flatMap((i) => ('diagnostic' in i ? [i.diagnostic] : [])),
  };
}
