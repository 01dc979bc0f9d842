// task: auto and whole-number targets: SPEC's rule (numbers → regression) stays, and targets that look like class
// codes get a warning naming the param to change.
import { describe, expect, it } from 'vitest';
import { fewIntegerClassesHint, resolveTask } from '../../../../../electron/nodes/inputs/ml-frame.js';
import type { FrameColumn } from '../../../../../electron/data/types.js';

const numeric = (values: number[]): FrameColumn => ({ name: 'y', kind: 'numeric', values: Float64Array.from(values) });

describe('fewIntegerClassesHint', () => {
  it('warns for 0/1 and other small sets of whole numbers, naming task: classification', () => {
    expect(resolveTask(numeric([0, 1, 1, 0]), 'auto')).toBe('regression');
    expect(fewIntegerClassesHint(numeric([0, 1, NaN, 1, 0]))).toBe(
      "target 'y' holds only the whole numbers 0, 1, so task: auto trains a regressor; if these are classes, set task: classification",
    );
    expect(fewIntegerClassesHint(numeric(Array.from({ length: 100 }, (_, i) => (i % 10) + 1)))).toMatch(/1, 2, 3, 4, 5, 6, 7, 8, 9, 10,/);
  });

  it('stays quiet for real regression targets, constants and text', () => {
    expect(fewIntegerClassesHint(numeric(Array.from({ length: 100 }, (_, i) => i % 11)))).toBeNull();
    expect(fewIntegerClassesHint(numeric([0.5, 1, 0]))).toBeNull();
    expect(fewIntegerClassesHint(numeric([3, 3, 3]))).toBeNull();
    expect(fewIntegerClassesHint({ name: 'y', kind: 'categorical', codes: Int32Array.from([0, 1]), levels: ['a', 'b'] })).toBeNull();
  });
});
