// Placing a new card: inside the visible part of the canvas, on no other card, right of the card it follows when
// there is room — invariants checked on random scenes against a brute-force pairwise overlap test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxesOverlap, insideBox, placeNewCard, PLACEMENT_MARGIN, type Box } from '../../../../../renderer/state/document/placement.js';

const size = { width: 220, height: 120 };
const view: Box = { x: 0, y: 0, width: 1200, height: 700 };

const scene = fc.array(
  fc.record({ x: fc.integer({ min: -600, max: 1600 }), y: fc.integer({ min: -400, max: 1000 }), width: fc.constant(220), height: fc.integer({ min: 80, max: 300 }) }),
  { maxLength: 10 },
);

describe('placeNewCard', () => {
  it('puts the card right of the anchor when that spot is free and visible', () => {
    const anchor = { x: 100, y: 200, width: 220, height: 140 };
    const p = placeNewCard(size, view, [anchor], anchor);
    expect(p.y).toBe(200);
    expect(p.x).toBeGreaterThanOrEqual(anchor.x + anchor.width + PLACEMENT_MARGIN);
    expect(p.x).toBeLessThan(anchor.x + anchor.width + 200);
  });

  it('centres the card in the view without an anchor', () => {
    expect(placeNewCard(size, view, [])).toEqual({ x: 490, y: 290 });
  });

  it('keeps the card in view when the anchor is off-screen', () => {
    const anchor = { x: 3000, y: 2000, width: 220, height: 120 };
    expect(insideBox({ ...placeNewCard(size, view, [anchor], anchor), ...size }, view)).toBe(true);
  });

  it('on random scenes: never on another card, and inside the view whenever a free visible spot exists', () => {
    fc.assert(
      fc.property(scene, fc.option(fc.nat({ max: 9 })), (others, anchorIndex) => {
        const anchor = anchorIndex !== null && others.length > 0 ? others[anchorIndex % others.length] : undefined;
        const p = placeNewCard(size, view, others, anchor);
        const card = { ...p, ...size };
        for (const o of others) expect(boxesOverlap(card, o)).toBe(false);
        // Brute force: is there any free, visible spot on a 10-px grid?
        let exists = false;
        for (let x = view.x; !exists && x + size.width <= view.x + view.width; x += 10) {
          for (let y = view.y; !exists && y + size.height <= view.y + view.height; y += 10) {
            exists = others.every((o) => !boxesOverlap({ x, y, ...size }, o, PLACEMENT_MARGIN));
          }
        }
        // The search uses half-card steps, so it may miss a spot the 10-px grid finds only in a crowded view.
        if (exists && others.length <= 4) expect(insideBox(card, view)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
