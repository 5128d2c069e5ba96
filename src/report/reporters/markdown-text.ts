// Escaping text from the data for Markdown tables and prose.
import { terminalSafe } from '../../text/sanitize.js';

/** Escape text from the data so it cannot break the table or inject markup. */
export function mdText(text: string): string {
  return terminalSafe(text)
    .replace(/[\\`*_{}[\]<>|#!]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim();
}

