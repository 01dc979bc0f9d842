// The start page's sample list names pipelines that really are in the bundled sample project (assets/pipelines).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isSampleProjectPath, SAMPLE_PIPELINES } from '../../../../renderer/app/samples.js';

const folder = resolve(import.meta.dirname, '../../../../assets/pipelines');
const bundled = readdirSync(folder)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => (parse(readFileSync(join(folder, f), 'utf8')) as { name: string }).name);

describe('sample pipelines', () => {
  it('lists every bundled sample pipeline once, and nothing else', () => {
    expect(SAMPLE_PIPELINES.map((s) => s.name).sort()).toEqual([...bundled].sort());
  });

  it("recognises the sample project's working copy, not other projects", () => {
    expect(isSampleProjectPath('/home/me/.config/Plumb/sample/sample.plumb')).toBe(true);
    expect(isSampleProjectPath('C:\\Users\\me\\AppData\\Plumb\\sample\\sample.plumb')).toBe(true);
    expect(isSampleProjectPath('/home/me/projects/sample.plumb')).toBe(false);
    expect(isSampleProjectPath('/home/me/my-sample/sample.plumb')).toBe(false);
  });
});
