// Cell values as the table nodes see them: the kind of a DuckDB type, a raw JSON value read as a column's type,
// and the text DuckDB prints for a value (CAST AS VARCHAR), which data.encode compares levels by.
import { invalidInput } from '../../../shared/errors.js';
import type { InputColumn, RawValue } from './types.js';

const NUMBER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?|INT[1248]?|FLOAT[48])$/i;
const INTEGER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT[1248]?)$/i;
const TEMPORAL_TYPES = /^(DATE|TIME|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ|TIME WITH TIME ZONE|TIMETZ|INTERVAL)$/i;

/** The same classification as the table nodes' (data/expression/columns.ts), which ml/ may not import. */
export function kindOfType(type: string): InputColumn['kind'] {
  const t = type.trim();
  if (NUMBER_TYPES.test(t)) return 'number';
  if (/^(VARCHAR|TEXT|STRING)$/i.test(t) || /^ENUM\(/i.test(t)) return 'text';
  if (/^(BOOLEAN|BOOL)$/i.test(t)) return 'boolean';
  if (TEMPORAL_TYPES.test(t)) return 'temporal';
  return 'other';
}

export function isIntegerType(type: string): boolean {
  return INTEGER_TYPES.test(type.trim());
}

/**
 * A raw cell read as a column of `type`: numbers from numbers or numeric text, booleans from true/false (or
 * 'true'/'false', 1/0), everything else as text. NaN and '' are missing for numbers. A value that cannot be read
 * is an invalid_input error naming the column. ('NaN' text is missing too: JSON has no NaN.)
 */
export function readCell(value: unknown, type: string, column: string): RawValue {
  if (value === null || value === undefined) return null;
  const kind = kindOfType(type);
  if (kind === 'number') {
    if (typeof value === 'number') return Number.isNaN(value) ? null : value;
    if (typeof value === 'string') {
      if (value.trim() === '' || value.trim().toLowerCase() === 'nan') return null;
      const n = Number(value);
      if (!Number.isNaN(n)) return n;
    }
    if (typeof value === 'boolean') return value ? 1 : 0;
    throw invalidInput(`column '${column}' needs a number, got ${JSON.stringify(value)}`);
  }
  if (kind === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 1 || value === '1') return true;
    if (value === 'false' || value === 0 || value === '0') return false;
    throw invalidInput(`column '${column}' needs true or false, got ${JSON.stringify(value)}`);
  }
  if (typeof value === 'object') throw invalidInput(`column '${column}' needs a single value, got ${JSON.stringify(value)}`);
  return typeof value === 'string' ? value : String(value);
}

/** What DuckDB prints for a value of `type` (CAST(x AS VARCHAR)); data.encode matches levels on this text. */
export function textForm(value: number | string | boolean, type: string): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  if (kindOfType(type) === 'number' && !isIntegerType(type)) return doubleText(value);
  return String(value);
}

/**
 * DuckDB's text of a DOUBLE, which is Python's float repr: the shortest digits that read back to the same
 * value, positional for decimal exponents −4…15 (always with a fraction, '1.0'), else 'd.ddde±XX'.
 * FLOAT columns are printed here with double digits (DuckDB prints float32's shortest digits): encode them as text.
 */
export function doubleText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent);
    return `${sign}${rest}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}
