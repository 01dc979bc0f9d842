// The Datasets view's store: at most two versions picked (a third replaces the oldest pick), and a diff asks for
// the older version of a dataset as `a` whatever order they were picked in.
import { beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../../../renderer/state/api.js';
import { diffPickedVersions, togglePickedVersion, useDatasetsStore } from '../../../../renderer/state/datasets.js';
import type { DatasetDiffView } from '../../../../shared/api/lifecycle.js';
import { fakeApi, type FakeApi } from '../fake-api.js';

const side = (ref: string) => ({ name: ref.split('@')[0], version: Number(ref.split('@')[1]), hash: 'h', rows: 10, sampleRows: null });
let api: FakeApi;

beforeEach(() => {
  useDatasetsStore.setState({ list: null, picked: [], diff: null });
  api = fakeApi({
    'datasets.diff': ({ a, b }): DatasetDiffView => ({ a: side(a), b: side(b), schema: { added: [], removed: [], changed: [] }, rowChange: 0, drift: null }),
  });
  setApi(api);
});

describe('datasets store', () => {
  it('keeps at most two picks, a third replacing the oldest; picking again unpicks', () => {
    togglePickedVersion('churn@1');
    togglePickedVersion('churn@2');
    togglePickedVersion('churn@3');
    expect(useDatasetsStore.getState().picked).toEqual(['churn@2', 'churn@3']);
    togglePickedVersion('churn@2');
    expect(useDatasetsStore.getState().picked).toEqual(['churn@3']);
  });

  it('diffs older → newer of one dataset, and only with two picks', async () => {
    togglePickedVersion('churn@12');
    await diffPickedVersions();
    expect(api.calls).toHaveLength(0);
    togglePickedVersion('churn@9');
    await diffPickedVersions();
    expect(api.calls).toEqual([{ method: 'datasets.diff', request: { a: 'churn@9', b: 'churn@12' } }]);
    expect(useDatasetsStore.getState().diff).toMatchObject({ a: 'churn@9', b: 'churn@12', result: { status: 'ready' } });
  });
});
