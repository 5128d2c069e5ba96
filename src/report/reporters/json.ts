// The JSON reporter: the Report object itself, pretty-printed, stable key order.
import type { Report } from '../types.js';

export function jsonReporter(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
