// The HTML reporter: one self-contained page with inline SVG charts (stub until the charts land).
import type { Report } from '../types.js';

export interface HtmlOptions {
  top?: number;
}

export function htmlReporter(report: Report, _options: HtmlOptions = {}): string {
  return `<!doctype html>\n<title>rapport</title>\n<p>Health ${report.health.score ?? '—'}</p>\n`;
}
