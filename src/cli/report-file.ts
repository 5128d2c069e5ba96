// Read a JSON report written by `rapport analyze -f json` (a baseline, or a side of `rapport diff`).
import { READABLE_SCHEMAS, REPORT_SHAPE } from '../report/report-shape.js';
import { shapeError } from '../report/shape.js';
import { SCHEMA_VERSION, type Report } from '../report/types.js';
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
  if (!r || typeof r !== 'object' || Array.isArray(r) || typeof r.schemaVersion !== 'number' || !r.health || !r.service) {
    throw new InputError(path, null, 'not a rapport JSON report (no schemaVersion, health or service)');
  }
  if (!READABLE_SCHEMAS.includes(r.schemaVersion)) {
    throw new InputError(path, null, `report schemaVersion ${r.schemaVersion}: this rapport reads schemas ${READABLE_SCHEMAS[0]}–${SCHEMA_VERSION} (written by a newer rapport?)`);
  }
  // Every field the code reads, checked before it is read: one line naming the field, never an internal error.
  const error = shapeError(r, REPORT_SHAPE);
  if (error) throw new InputError(path, null, `not a rapport JSON report: ${error}`);
  return { ...r, config: r.config ?? null, groupings: r.groupings ?? [], brands: r.brands ?? [], atRisk: r.atRisk ?? { threads: 0, customers: 0, items: [] } } as Report;
}
