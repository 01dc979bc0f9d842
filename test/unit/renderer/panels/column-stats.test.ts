// The column statistics strip: stats read from the preview's loose JSON, and the counts line marking estimates.
import { describe, expect, it } from 'vitest';
import { countsLine, readColumnStats } from '../../../../renderer/panels/column-stats.js';

describe('column statistics', () => {
  it('keeps whether a distinct count is an estimate and shows it with ≈', () => {
    const [estimated, exact] = readColumnStats([
      { name: 'id', type: 'BIGINT', missing: 0, distinct: 9_987_654, distinctApproximate: true },
      { name: 'city', type: 'VARCHAR', missing: 2, distinct: 10 },
    ]);
    expect(estimated.distinctApproximate).toBe(true);
    expect(countsLine(estimated)).toBe('missing 0 · distinct ≈9987654');
    expect(countsLine(exact)).toBe('missing 2 · distinct 10');
    expect(countsLine({ name: 'x' })).toBe('');
  });

  it('drops a stats record of the wrong shape', () => {
    expect(readColumnStats([{ name: 'x', distinctApproximate: 'yes' }, { name: 'y' }]).map((s) => s.name)).toEqual(['y']);
  });
});
