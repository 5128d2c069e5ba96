// Escaping text from the data for Markdown tables and prose.
import { terminalSafe } from '../../text/sanitize.js';

/** Escape text from the data so it cannot break the table or inject markup. */
export function mdText(text: string): string {
  return terminalSafe(text)
    .replace(/[\\`*_{}[\]<>|#!~&]/g, (c) => `\\${c}`)
    // A zero-width space after @ keeps GitHub from turning @handles in customer text into mentions.
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Text from the data (a cue id) as an inline code span that cannot be broken out of: fenced by one backtick
 * more than its longest run of backticks, padded when it starts or ends with one, on one line, with `|`
 * escaped (GitHub splits table cells at a bare pipe even inside code). Markup in a code span is not rendered.
 */
export function mdCode(text: string): string {
  const safe = terminalSafe(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') || safe === '' ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}
