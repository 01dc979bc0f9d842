import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral, tableName } from '../../../../electron/data/sql-text.js';

describe('quoteIdent / quoteLiteral', () => {
  it('round-trip any text through DuckDB as a column name and a string value', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const names = fc.sample(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\0')), 60);
      names.push('a"b', "it's", 'x""y', ' ', 'select', '"', "'", 'a;DROP TABLE t;--');
      for (const name of names) {
        const reader = await connection.runAndReadAll(`SELECT ${quoteLiteral(name)} AS ${quoteIdent(name)}`);
        expect(reader.columnNames()).toEqual([name]);
        expect(reader.getRows()).toEqual([[name]]);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('refuses NUL characters', () => {
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
    expect(() => quoteLiteral('a\0b')).toThrow(/NUL/);
  });
});

describe('tableName', () => {
  it('keeps only [a-z0-9_] from the hint and numbers the table', () => {
    expect(tableName('My Data.csv', 3)).toBe('t_my_data_csv_3');
    expect(tableName('"; DROP', 1)).toBe('t_drop_1');
    expect(tableName('', 2)).toBe('t_table_2');
    expect(tableName('x'.repeat(100), 9)).toBe(`t_${'x'.repeat(40)}_9`);
  });
});
