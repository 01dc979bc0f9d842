// Fit view with a readable minimum zoom: small pipelines are centred (zoom capped at 1), large ones stop at the
// minimum zoom, show their left edge and centre on the first screenful of cards; checked against closed forms.
import { describe, expect, it } from 'vitest';
import { readableViewport } from '../../../../renderer/editor/readable-zoom.js';

const options = { padding: 20, minZoom: 0.9, maxZoom: 1 };
const card = (x: number, y: number, height = 100) => ({ x, y, width: 200, height });

describe('readableViewport', () => {
  it('centres a pipeline that fits, never zooming in past maxZoom', () => {
    const v = readableViewport([card(0, 0), card(200, 100)], { width: 1000, height: 600 }, options);
    expect(v).toEqual({ x: 300, y: 200, zoom: 1 });
  });

  it('zooms out to fit when that keeps the text readable', () => {
    const v = readableViewport([card(100, 0, 200), card(900, 0, 200)], { width: 940, height: 600 }, options);
    expect(v.zoom).toBeCloseTo(0.9, 6);
    expect(v.x).toBeCloseTo((940 - 900) / 2 - 90, 6);
  });

  it('stops at the readable zoom for a wide pipeline: left edge shown, centred on the first cards', () => {
    // Sources low on the left, later nodes high on the right (as dagre lays out a fan-out).
    const boxes = [card(-50, 300), card(250, 350), card(3000, -300), card(3900, 900)];
    const v = readableViewport(boxes, { width: 800, height: 400 }, options);
    expect(v.zoom).toBe(0.9);
    expect(-50 * v.zoom + v.x).toBeCloseTo(20, 6);
    // The first screenful spans y 300…450: its middle (375) lands in the middle of the pane.
    expect(375 * v.zoom + v.y).toBeCloseTo(200, 6);
  });
});
