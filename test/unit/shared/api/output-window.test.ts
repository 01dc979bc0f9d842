// The pop-out route: what the outputs panel writes, the popped-out page reads back; anything else is no route.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputRouteHash, readOutputRoute } from '../../../../shared/api/output-window.js';

describe('output route', () => {
  it('reads back what it wrote, whatever the pipeline name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), fc.uuid(), (pipeline, node, run) => {
        const route = { pipeline, node, port: 'metrics', run };
        expect(readOutputRoute(outputRouteHash(route))).toEqual(route);
      }),
    );
  });

  it('is no route when the hash is another one or a value is not allowed', () => {
    const good = outputRouteHash({ pipeline: 'churn', node: 'drift', port: 'report', run: 'abc-123' });
    expect(good.startsWith('#/output?')).toBe(true);
    expect(readOutputRoute('')).toBeUndefined();
    expect(readOutputRoute('#/editor')).toBeUndefined();
    expect(readOutputRoute(good.replace('node=drift', 'node=Drift'))).toBeUndefined();
    expect(readOutputRoute(good.replace('run=abc-123', 'run=..%2Fetc'))).toBeUndefined();
    expect(readOutputRoute(good.replace('&port=report', ''))).toBeUndefined();
  });
});
