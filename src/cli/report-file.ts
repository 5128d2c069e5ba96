// Read a JSON report written by `rapport analyze -f json` (a baseline, or a side of `rapport diff`).
import { existsSync, readFileSync } from 'node:fs';
import type { Report } from '../report/types.js';
import { InputError } from '../sources/errors.js';

/** The report in a file; schema 1 reports are read too (their groupings and at-risk list are empty). */
export function readReportFile(path: string): Report {
  if (!existsSync(path)) throw new InputError(path, null, 'no such report file');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new InputError(path, null, 'not a JSON report (write one with rapport analyze -f json)');
  }
  const r = value as Partial<Report> | null;
  if (!r || typeof r !== 'object' || typeof r.schemaVersion !== 'number' || !r.health || !r.service) {
    throw new InputError(path, null, 'not a rapport JSON report (no schemaVersion, health or service)');
  }
  return { ...r, groupings: r.groupings ?? [], brands: r.brands ?? [], atRisk: r.atRisk ?? { threads: 0, customers: 0, items: [] } } as Report;
}
