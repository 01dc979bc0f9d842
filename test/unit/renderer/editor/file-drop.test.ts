// Which reader a dropped file becomes, and the file browser's size labels.
import { describe, expect, it } from 'vitest';
import { readerFor } from '../../../../renderer/editor/file-drop.js';
import { formatBytes } from '../../../../renderer/editor/FileBrowser.js';
import { readCsv } from '../../../../shared/catalog/data/read_csv.js';
import { readParquet } from '../../../../shared/catalog/data/read_parquet.js';

describe('readerFor', () => {
  it('maps every extension the readers declare to that reader, case-insensitively', () => {
    for (const [declaration, exts] of [
      [readCsv, (readCsv.ui?.path as { extensions: string[] }).extensions],
      [readParquet, (readParquet.ui?.path as { extensions: string[] }).extensions],
    ] as const) {
      for (const ext of exts) {
        expect(readerFor(`data.${ext}`)).toBe(declaration.type);
        expect(readerFor(`DATA.${ext.toUpperCase()}`)).toBe(declaration.type);
      }
    }
  });
  it('refuses other files', () => {
    for (const name of ['notes.md', 'model.onnx', 'csv', 'data.csv.gz', '']) expect(readerFor(name)).toBeUndefined();
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal below 10', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(279 * 1024 + 100)).toBe('279 KB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
  });
});
