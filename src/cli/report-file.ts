// Read a JSON report written by `rapport analyze -f json` (a baseline, or a side of `rapport diff`).
import type { Report } from '../report/types.js';
import { InputError } from '../sources/errors.js';
import { FILE_CAPS, readTextCapped } from '../sources/text-file.js';

/** The report in a file; schema 1 reports are read too (their groupings and at-risk list are empty). */
export function readReportFile(path: string): Report {
  const text = readTextCapped(path, FILE_CAPS.report, 'a JSON report', 'no such report file');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(path, null, 'not a JSON report (write one with rapport analyze -f json)');
  }
  const r = value as Partial<Report> | null;
  if (!r || typeof r !== 'object' || typeof r.schemaVersion !== 'number' || !r.health || !r.service) {
    throw new InputError(path, null, 'not a rapport JSON report (no schemaVersion, health or service)');
  }
  return { ...r, groupings: r.groupings ?? [], brands: r.brands ?? [], atRisk: r.atRisk ?? { threads: 0, customers: 0, items: [] } } as Report;
}
