// Every source adapter, keyed by kind: a new SourceKind fails to compile until it is listed here.
// Detection tries them in this order, so the most specific formats come first and `csv` last.
import type { SourceKind } from '../model/types.js';
import type { SourceAdapter } from './adapter.js';
import { chatCsv, csv } from './chat-csv.js';
import { chatJson } from './chat-json.js';
import { eml } from './eml.js';
import { irc } from './irc.js';
import { mbox } from './mbox.js';
import { twcs } from './twcs.js';

export const SOURCES: Record<SourceKind, SourceAdapter> = {
  twcs,
  mbox,
  eml,
  irc,
  'chat-json': chatJson,
  'chat-csv': chatCsv,
  csv,
};

export const SOURCE_KINDS = Object.keys(SOURCES) as SourceKind[];
