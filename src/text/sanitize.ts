// Make untrusted text safe for a terminal, and CSV cells safe for a spreadsheet.

// ANSI CSI / OSC / other ESC sequences, C0 and C1 controls (but tab and newline), bidi overrides.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Strip escape sequences, control characters and bidi overrides; newlines and tabs become spaces. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '').replace(/[\t\n]+/g, ' ');
}

/** Prefix cells a spreadsheet would run as a formula (OWASP CSV injection). */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value !== 'number') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Escape text from the data for HTML element content and quoted attribute values:
 * `& < > " ' \`` become entities, so no tag, attribute or script can come from a message.
 * (Not for unquoted attributes, URLs or inside `<script>`/`<style>`: never put data there.)
 */
export function htmlEscape(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c]!);
}
