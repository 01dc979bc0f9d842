// readImportedFile, the one reader behind model.import_onnx and model.import_xgboost: a path param resolved against
// the pipeline's folder and read whole; a missing or unreadable file is one invalid_input line naming the path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportedFile } from '../../../../../electron/nodes/model/imported-file.js';
import { PlumbError } from '../../../../../shared/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'plumb-imported-file-'));
const ctx = { resolvePath: (p: string) => join(dir, p) };

async function failure(path: string): Promise<PlumbError> {
  const error = await readImportedFile(ctx, path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlumbError);
  return error as PlumbError;
}

describe('readImportedFile', () => {
  it('reads the bytes of the file the param names, relative to the pipeline folder', async () => {
    writeFileSync(join(dir, 'model.json'), '{"learner": 1}');
    const { path, bytes } = await readImportedFile(ctx, 'model.json');
    expect(path).toBe(join(dir, 'model.json'));
    expect(bytes.toString('utf8')).toBe('{"learner": 1}');
  });

  it('a missing file: one line naming the resolved path and the param', async () => {
    const e = await failure('nope.onnx');
    expect(e.kind).toBe('invalid_input');
    expect(e.message).toBe(`file not found: ${join(dir, 'nope.onnx')}`);
    expect(e.where).toMatchObject({ file: join(dir, 'nope.onnx'), param: 'path' });
  });

  it('a folder where a file should be: cannot read, in one line', async () => {
    const e = await failure('.');
    expect(e.message.startsWith(`cannot read ${dir}`)).toBe(true);
    expect(e.message).not.toContain('\n');
  });
});
