// Escaping text from the data for Markdown tables and prose.
import { terminalSafe } from '../../text/sanitize.js';

/** Escape text from the data so it cannot break the table or inject markup. */
export function mdText(text: string): string {
  return terminalSafe(text)
    .replace(/[\\`*_{}[\]<>|#!]/g, (c) => `\\${c}`)
    // A zero-width space after @ keeps GitHub from turning @handles in customer text into mentions.
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/\s+/g, ' ')
    .trim();
}
