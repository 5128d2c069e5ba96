// Every source adapter, keyed by kind: a new SourceKind fails to compile until it is listed here.
import type { SourceKind } from '../model/types.js';
import type { SourceAdapter } from './adapter.js';
import { twcs } from './twcs.js';

export const SOURCES: Record<SourceKind, SourceAdapter> = {
  twcs,
};

export const SOURCE_KINDS = Object.keys(SOURCES) as SourceKind[];
