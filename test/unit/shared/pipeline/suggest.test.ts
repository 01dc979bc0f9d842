// "Did you mean" hints: edit distance with swaps, and how close a name must be to be suggested.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from '../../../../shared/pipeline/suggest.js';

/** Plain Levenshtein, by the textbook recursion with memo: an upper bound for the distance with swaps. */
function levenshtein(a: string, b: string): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === 0) return j;
    if (j === 0) return i;
    const key = `${i},${j}`;
    if (!memo.has(key)) {
      memo.set(key, Math.min(go(i - 1, j) + 1, go(i, j - 1) + 1, go(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    return memo.get(key)!;
  };
  return go(a.length, b.length);
}

describe('editDistance', () => {
  it('matches hand-computed distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('seed', 'seed')).toBe(0);
    expect(editDistance('sed', 'seed')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1); // one swap, where Levenshtein needs 2
    expect(editDistance('lerning_rate', 'learning_rate')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3); // optimal string alignment: a swapped pair is not edited again
  });

  it('is symmetric, zero only for equal strings, and at most Levenshtein', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(levenshtein(a, b));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
      { numRuns: 500 },
    );
  });
});

describe('closestName', () => {
  const params = ['test_size', 'seed', 'stratify'];

  it('suggests the closest name when it is a plausible typo', () => {
    expect(closestName('sed', params)).toBe('seed');
    expect(closestName('SEED', params)).toBe('seed');
    expect(closestName('test_sise', params)).toBe('test_size');
    expect(closestName('stratfy', params)).toBe('stratify');
  });

  it('suggests nothing when every name is far off, or there are none', () => {
    expect(closestName('shuffle', params)).toBeUndefined();
    expect(closestName('x', params)).toBeUndefined();
    expect(closestName('seed', [])).toBeUndefined();
  });

  it('allows more edits for longer names, at most three', () => {
    expect(closestName('ab', ['xy'])).toBeUndefined(); // 2 edits on a 2-letter name
    expect(closestName('abcdef', ['abxyef'])).toBe('abxyef'); // 2 edits on 6 letters
    expect(closestName('abcdefghijkl', ['abcdefghxxxx'])).toBeUndefined(); // 4 edits
    expect(closestName('abcdefghijkl', ['abcdefghixxx'])).toBe('abcdefghixxx'); // 3 edits
  });

  it('breaks ties by the order of the candidates', () => {
    expect(closestName('seet', ['sees', 'seed'])).toBe('sees');
    expect(didYouMean('sed', params)).toBe(" (did you mean 'seed'?)");
    expect(didYouMean('zzz', params)).toBe('');
  });
});
