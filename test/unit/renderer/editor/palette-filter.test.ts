// The palette: groups in catalog order, search over title, type and docs with every word required.
import { describe, expect, it } from 'vitest';
import { paletteComponents, paletteGroups } from '../../../../renderer/editor/palette-filter.js';
import { testCatalog } from '../test-catalog.js';

describe('paletteGroups', () => {
  const all = testCatalog.all();

  it('groups every node type by catalog group, in the catalog order of groups', () => {
    const groups = paletteGroups(all, '');
    expect(groups.map((g) => g.group)).toEqual(['data', 'model', 'evaluate', 'control']);
    expect(groups.flatMap((g) => g.nodes).length).toBe(all.length);
  });

  it('matches every word, case-insensitively, in title, type or docs', () => {
    expect(paletteGroups(all, 'SPLIT').flatMap((g) => g.nodes.map((n) => n.type))).toEqual(['data.split']);
    expect(paletteGroups(all, 'model.').flatMap((g) => g.nodes.map((n) => n.type))).toEqual(['model.gradient_boosting']);
    expect(paletteGroups(all, 'metric condition').flatMap((g) => g.nodes.map((n) => n.type))).toEqual(['control.gate']);
    expect(paletteGroups(all, 'csv nothing-like-this')).toEqual([]);
  });
});

describe('library components in the palette', () => {
  const library = [
    { name: 'prep', spec: { nodes: [{ id: 'split', type: 'data.split' }, { id: 'clean', type: 'data.impute' }] } },
    { name: 'scoring', spec: { nodes: [{ id: 'gbm', type: 'model.gradient_boosting' }] } },
  ];
  it('matches the name and the inner nodes, every word', () => {
    expect(paletteComponents(library, '').map((c) => c.name)).toEqual(['prep', 'scoring']);
    expect(paletteComponents(library, 'impute').map((c) => c.name)).toEqual(['prep']);
    expect(paletteComponents(library, 'component gradient').map((c) => c.name)).toEqual(['scoring']);
    expect(paletteComponents(library, 'prep gbm')).toEqual([]);
  });
});
