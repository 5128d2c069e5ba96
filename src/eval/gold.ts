// Reading reference labels: one JSON object per line keyed by exchange id (../shared/gold/README.md).
import { FILE_CAPS, readTextCapped } from '../sources/text-file.js';
import { AXES, AXIS_LABELS, RUE_FLAGS, type Axis, type RueFlag } from '../model/types.js';
import { InputError } from '../sources/errors.js';

export type GoldLabel = { id: string } & Record<Axis, string> & Partial<Record<RueFlag, 0 | 1>>;

export function parseGold(name: string, text: string): GoldLabel[] {
  const out: GoldLabel[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(name, i + 1, 'not valid JSON');
    }
    const record = value as Record<string, unknown>;
    if (typeof record.id !== 'string' && typeof record.id !== 'number') throw new InputError(name, i + 1, 'field "id" is missing');
    const id = String(record.id);
    if (seen.has(id)) throw new InputError(name, i + 1, `exchange id ${id} is labelled twice`);
    seen.add(id);
    for (const axis of AXES) {
      const label = record[axis];
      if (typeof label !== 'string' || !(AXIS_LABELS[axis] as readonly string[]).includes(label)) {
        throw new InputError(name, i + 1, `field "${axis}" must be one of ${AXIS_LABELS[axis].join(', ')}`);
      }
    }
    for (const flag of RUE_FLAGS) {
      const v = record[flag];
      if (v !== undefined && v !== 0 && v !== 1) throw new InputError(name, i + 1, `field "${flag}" must be 0 or 1`);
    }
    out.push({ ...(record as GoldLabel), id });
  });
  return out;
}

export function readGold(path: string): GoldLabel[] {
  return parseGold(path, readTextCapped(path, FILE_CAPS.labels, 'a labels file'));
}
