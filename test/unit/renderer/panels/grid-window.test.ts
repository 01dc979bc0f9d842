// The data grid's window: whatever the scroll position, every row on screen is drawn where it belongs, the
// first and last rows are reachable, and page fetching covers exactly the drawn rows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnWindow, gridWindow, MAX_SCROLL_HEIGHT, pagesCovering, windowCovers } from '../../../../renderer/panels/grid-window.js';

const ROW = 26;

describe('gridWindow', () => {
  it('draws a contiguous run of rows covering the viewport, for small and huge tables', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 50, max: 1500 }), fc.double({ min: 0, max: 1, noNaN: true }), (rows, viewport, at) => {
        const { totalHeight } = gridWindow(0, viewport, rows, ROW);
        const scrollTop = at * Math.max(0, totalHeight - viewport);
        const w = gridWindow(scrollTop, viewport, rows, ROW);
        expect(w.totalHeight).toBe(Math.min(rows * ROW, MAX_SCROLL_HEIGHT));
        expect(w.first).toBeGreaterThanOrEqual(0);
        expect(w.first + w.count).toBeLessThanOrEqual(rows);
        // the drawn rows, stacked from offsetY, cover the whole visible band (or the whole table when it is shorter)
        const top = w.offsetY;
        const bottom = w.offsetY + w.count * ROW;
        expect(top).toBeLessThanOrEqual(scrollTop + 1e-6);
        expect(bottom).toBeGreaterThanOrEqual(Math.min(scrollTop + viewport, w.totalHeight) - 1e-6);
      }),
    );
  });

  it('reaches the first row at the top and the last row at the bottom', () => {
    for (const rows of [10, 1000, 1_000_000, 3_000_000]) {
      const viewport = 400;
      const start = gridWindow(0, viewport, rows, ROW);
      expect(start.first).toBe(0);
      expect(start.offsetY).toBe(0);
      const end = gridWindow(start.totalHeight, viewport, rows, ROW);
      expect(end.first + end.count).toBe(rows);
      // the last row ends at the bottom edge of the content when the table is taller than the viewport
      if (rows * ROW > viewport) expect(end.offsetY + end.count * ROW).toBeCloseTo(end.totalHeight, 6);
    }
  });

  it('draws only a screenful (plus overscan) of a million rows', () => {
    const w = gridWindow(4_000_000, 520, 1_000_000, ROW);
    expect(w.count).toBeLessThanOrEqual(Math.ceil(520 / ROW) + 1 + 2 * 4);
  });

  it('is empty for an empty table', () => {
    expect(gridWindow(0, 400, 0, ROW)).toEqual({ first: 0, count: 0, offsetY: 0, totalHeight: 0 });
  });
});

describe('pagesCovering', () => {
  it('lists exactly the pages holding the drawn rows', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(500), fc.integer({ min: 1, max: 1000 }), (first, count, size) => {
        const pages = pagesCovering(first, count, size);
        const expected = new Set<number>();
        for (let r = first; r < first + count; r++) expected.add(Math.floor(r / size));
        expect(pages).toEqual([...expected]);
      }),
    );
  });
});

describe('columnWindow', () => {
  it('draws exactly the columns that intersect the viewport widened by the overscan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 20, max: 400 }), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 100, max: 2000 }),
        fc.integer({ min: 0, max: 300 }),
        (widths, leading, scrollLeft, viewport, overscan) => {
          const { first, end } = columnWindow(widths, leading, scrollLeft, viewport, overscan);
          // brute force: column j spans [left_j, left_j + w_j) and is drawn when that meets the widened band
          let left = leading;
          const expected: number[] = [];
          widths.forEach((w, j) => {
            if (left + w > scrollLeft - overscan && left < scrollLeft + viewport + overscan) expected.push(j);
            left += w;
          });
          const drawn = Array.from({ length: end - first }, (_, k) => first + k);
          expect(drawn).toEqual(expected);
        },
      ),
    );
  });
});

describe('windowCovers', () => {
  it('holds only while every needed row is drawn', () => {
    expect(windowCovers({ first: 10, count: 30 }, { first: 10, count: 30 })).toBe(true);
    expect(windowCovers({ first: 10, count: 30 }, { first: 20, count: 5 })).toBe(true);
    expect(windowCovers({ first: 10, count: 30 }, { first: 9, count: 5 })).toBe(false);
    expect(windowCovers({ first: 10, count: 30 }, { first: 36, count: 5 })).toBe(false);
    expect(windowCovers({ first: 0, count: 0 }, { first: 4, count: 0 })).toBe(true);
  });
});
