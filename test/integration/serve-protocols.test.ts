// The scoring server's protocols (SPEC §9) against golden request/response files worked out by hand from
// hand-written trees (test/fixtures/serve/: a classifier, and a regressor in golden-regression/): TF Serving row,
// list-row and columnar formats, MLflow's four JSON formats and CSV; 400s that name the column; 404s for unknown models, versions and labels; status, metadata,
// /ping /health /version; and /metrics parsed by an independent Prometheus parser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveModels, type Serving } from '../../electron/serve/serve-models.js';
import { repoRoot } from './cli-helpers.js';

const fixtures = join(repoRoot, 'test/fixtures/serve');
const golden = readdirSync(join(fixtures, 'golden')).filter((f) => f.endsWith('.json'));
const goldenRegression = readdirSync(join(fixtures, 'golden-regression')).filter((f) => f.endsWith('.json'));

interface Golden {
  method: 'POST';
  path: string;
  contentType: string;
  request: unknown;
  status: number;
  response: unknown;
}

let serving: Serving;
let url: string;

const send = async (path: string, body: unknown, contentType = 'application/json') => {
  const response = await fetch(url + path, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, version: response.headers.get('x-plumb-model-version'), body: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  serving = await serveModels({ specs: [join(fixtures, 'churn-tree.json')], port: 0 });
  url = serving.server.url;
});
afterAll(() => serving.close());

describe('golden requests', () => {
  it('has a golden file for every format', () => {
    expect(golden.length).toBeGreaterThanOrEqual(9);
  });
  it.each(golden)('%s', async (name) => {
    const g = JSON.parse(readFileSync(join(fixtures, 'golden', name), 'utf8')) as Golden;
    const got = await send(g.path, g.request, g.contentType);
    expect(got.status).toBe(g.status);
    expect(got.body).toEqual(g.response);
    expect(got.version).toBe('1');
  });
});

describe('golden requests to a regression model', () => {
  let regression: Serving;
  beforeAll(async () => {
    regression = await serveModels({ specs: [join(fixtures, 'charges-tree.json')], port: 0 });
  });
  afterAll(() => regression.close());

  it('has a golden file for every format', () => {
    expect(goldenRegression.length).toBeGreaterThanOrEqual(7);
  });
  it.each(goldenRegression)('%s', async (name) => {
    const g = JSON.parse(readFileSync(join(fixtures, 'golden-regression', name), 'utf8')) as Golden;
    const response = await fetch(regression.server.url + g.path, {
      method: g.method,
      headers: { 'content-type': g.contentType },
      body: typeof g.request === 'string' ? g.request : JSON.stringify(g.request),
    });
    expect(response.status).toBe(g.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(g.response);
    expect(response.headers.get('x-plumb-model-version')).toBe('1');
  });
});

describe('400: the message names the column and the problem', () => {
  const cases: [string, string, unknown, RegExp][] = [
    ['missing column', '/v1/models/churn-tree:predict', { instances: [{ contract: 'month' }] }, /missing column 'tenure'/],
    ['text for a number', '/v1/models/churn-tree:predict', { instances: [{ tenure: 'five', contract: 'month' }] }, /column 'tenure', row 0: expected a number.*got text "five"/],
    ['number for a category', '/invocations', { dataframe_records: [{ tenure: 1, contract: 'month' }, { tenure: 1, contract: 3 }] }, /column 'contract', row 1: expected text.*'month'.*got number 3/],
    ['a row without the column', '/v1/models/churn-tree:predict', { instances: [{ tenure: 1, contract: 'month' }, { tenure: 2 }] }, /column 'contract' has no value in row 1/],
    ['ragged columnar inputs', '/v1/models/churn-tree:predict', { inputs: { tenure: [1, 2], contract: ['month'] } }, /column 'contract' has 1 values, the others 2/],
    ['both instances and inputs', '/v1/models/churn-tree:predict', { instances: [[1, 'month']], inputs: { tenure: [1] } }, /exactly one of 'instances'.*'inputs'/],
    ['a list row of the wrong length', '/v1/models/churn-tree:predict', { instances: [[1]] }, /row 0: a row given as a list needs 2 values in the order tenure, contract/],
    ['no MLflow format', '/invocations', { rows: [] }, /exactly one of 'dataframe_split'/],
    ['CSV text in a numeric column', '/invocations', 'tenure,contract\nabc,month\n', /column 'tenure', row 0: expected a number.*got text "abc"/],
  ];
  it.each(cases)('%s', async (_name, path, body, message) => {
    const got = await send(path, body, typeof body === 'string' ? 'text/csv' : 'application/json');
    expect(got.status).toBe(400);
    expect(got.body.error).toMatch(message);
  });

  it('malformed JSON and an unsupported content type are client errors with an error field', async () => {
    const bad = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"instances": [' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/body/);
    const xml = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
    expect(((await xml.json()) as { error: string }).error).toMatch(/application\/json or text\/csv/);
  });
});

describe('the fast path and fastify answer alike', () => {
  // 'application/json' with a Content-Length takes the server's fast path; the same body sent as
  // 'Application/JSON; charset=UTF-8' goes through fastify's routing and parser. Every answer must be the same.
  const both = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const [fast, routed] = await Promise.all(
      ['application/json', 'Application/JSON; charset=UTF-8'].map(async (type) => {
        const response = await fetch(url + path, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
        return { status: response.status, type: response.headers.get('content-type'), version: response.headers.get('x-plumb-model-version'), body: await response.text() };
      }),
    );
    expect(routed).toEqual(fast);
    return fast;
  };
  it.each([
    ['TF rows', '/v1/models/churn-tree:predict', { instances: [{ tenure: 5, contract: 'month' }, { tenure: 40, contract: null }] }],
    ['TF list rows, pinned version', '/v1/models/churn-tree/versions/1:predict', { instances: [[1, 'year']] }],
    ['TF columnar', '/v1/models/churn-tree:predict', { inputs: { tenure: [1, 20], contract: ['month', 'year'] } }],
    ['an unseen category (warning)', '/v1/models/churn-tree:predict', { instances: [{ tenure: 3, contract: 'weekly' }] }],
    ['MLflow split', '/invocations', { dataframe_split: { columns: ['tenure', 'contract'], data: [[2, 'month']] } }],
    ['MLflow records with a key', '/invocations', { dataframe_records: [{ tenure: 2, contract: 'two_year' }], key: 'k' }],
    ['a missing column (400)', '/v1/models/churn-tree:predict', { instances: [{ contract: 'month' }] }],
    ['text for a number (400)', '/invocations', { instances: [{ tenure: 'x', contract: 'month' }] }],
    ['no MLflow format (400)', '/invocations', { rows: [] }],
    ['a body that is not an object (400)', '/invocations', [1, 2]],
    ['an unknown label (404)', '/v1/models/churn-tree/labels/champion:predict', { instances: [[1, 'year']] }],
  ])('%s', async (_name, path, body) => {
    const got = await both(path, JSON.stringify(body));
    expect(got.type).toBe('application/json; charset=utf-8');
  });
  it.each([
    ['malformed JSON', '{"instances": ['],
    ['a __proto__ key', '{"instances": [{"tenure": 1, "contract": "month", "__proto__": {"x": 1}}]}'],
    ['an escaped __proto__ key', '{"instances": [{"tenure": 1, "contract": "month", "\\u005f_proto__": {"x": 1}}]}'],
    ['constructor.prototype', '{"instances": [{"tenure": 1, "contract": "month", "constructor": {"prototype": {"x": 1}}}]}'],
  ])('%s is refused as fastify refuses it', async (_name, body) => {
    const got = await both('/v1/models/churn-tree:predict', body);
    expect(got.status).toBe(400);
    expect(JSON.parse(got.body).error).toBe("bad request body: Body is not valid JSON but content-type is set to 'application/json'");
  });
  it('a constructor key that is a value is an ordinary column', async () => {
    const got = await both('/v1/models/churn-tree:predict', '{"instances": [{"tenure": 1, "contract": "month", "constructor": 3}]}');
    expect(got.status).toBe(200);
  });
  it('X-Plumb-Key and live stats and metrics count both paths', async () => {
    const before = serving.server.stats.total;
    await both('/v1/models/churn-tree:predict', JSON.stringify({ instances: [[1, 'year']] }), { 'X-Plumb-Key': 'user-1' });
    expect(serving.server.stats.total - before).toBe(2);
    const recent = serving.server.stats.recent().slice(0, 2);
    expect(recent.map((r) => [r.code, r.version, r.rows])).toEqual([[200, '1', 1], [200, '1', 1]]);
  });
});

describe('404', () => {
  it.each([
    ['/v1/models/other:predict', /no model 'other'/],
    ['/v1/models/churn-tree/versions/7:predict', /no served version '7'/],
    ['/v1/models/churn-tree/labels/champion:predict', /no version labelled 'champion'/],
  ])('%s', async (path, message) => {
    const got = await send(path, { instances: [[1, 'month']] });
    expect(got.status).toBe(404);
    expect(got.body.error).toMatch(message);
  });
  it('GET of an unknown model or endpoint', async () => {
    expect((await fetch(`${url}/v1/models/other`)).status).toBe(404);
    expect((await fetch(`${url}/v2/whatever`)).status).toBe(404);
  });
});

describe('status, metadata and MLflow health', () => {
  it('GET /v1/models/<name> is TF Serving model_version_status', async () => {
    expect(await (await fetch(`${url}/v1/models/churn-tree`)).json()).toEqual({
      model_version_status: [{ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }],
    });
  });
  it('metadata lists the input columns with their types and categories', async () => {
    const meta = (await (await fetch(`${url}/v1/models/churn-tree/metadata`)).json()) as {
      model_spec: { name: string; version: string };
      metadata: { signature_def: { signature_def: { serving_default: { inputs: Record<string, { dtype: string; categories?: string[] }> } } } };
    };
    expect(meta.model_spec).toMatchObject({ name: 'churn-tree', version: '1' });
    expect(meta.metadata.signature_def.signature_def.serving_default.inputs).toEqual({
      tenure: { dtype: 'DT_DOUBLE', name: 'tenure' },
      contract: { dtype: 'DT_STRING', name: 'contract', categories: ['month', 'two_year', 'year'] },
    });
  });
  it('/ping, /health and /version', async () => {
    expect((await fetch(`${url}/ping`)).status).toBe(200);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const version = await fetch(`${url}/version`);
    expect(version.status).toBe(200);
    expect(await version.text()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
  });
});

describe('/metrics', () => {
  interface Family {
    name: string;
    type: string;
    metrics: { labels?: Record<string, string>; value?: string; buckets?: Record<string, string>; count?: string }[];
  }
  it('parses as Prometheus text and counts what was sent', async () => {
    const before = parsePrometheusTextFormat(await (await fetch(`${url}/metrics`)).text()) as Family[];
    const counter = (families: Family[], name: string, labels: Record<string, string>) =>
      Number(families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? 0);
    const ok = { model: 'churn-tree', version: '1', code: '200' };
    const bad = { model: 'churn-tree', version: '1', code: '400' };
    for (let i = 0; i < 3; i++) await send('/v1/models/churn-tree:predict', { instances: [[1, 'month'], [2, 'year']] });
    await send('/v1/models/churn-tree:predict', { instances: [{ tenure: 'x', contract: 'month' }] });
    const after = parsePrometheusTextFormat(await (await fetch(`${url}/metrics`)).text()) as Family[];

    expect(counter(after, 'plumb_requests_total', ok) - counter(before, 'plumb_requests_total', ok)).toBe(3);
    expect(counter(after, 'plumb_requests_total', bad) - counter(before, 'plumb_requests_total', bad)).toBe(1);
    expect(counter(after, 'plumb_predictions_total', { model: 'churn-tree', version: '1' }) - counter(before, 'plumb_predictions_total', { model: 'churn-tree', version: '1' })).toBe(6);
    const histogram = after.find((f) => f.name === 'plumb_request_duration_seconds')!;
    expect(histogram.type).toBe('HISTOGRAM');
    // One series (only requests that reached a version are timed); this parser drops the labels of histogram series.
    expect(histogram.metrics).toHaveLength(1);
    const series = histogram.metrics[0];
    const buckets = Object.entries(series.buckets!).map(([le, n]) => [le === '+Inf' ? Infinity : Number(le), Number(n)] as const).sort((a, b) => a[0] - b[0]);
    // Cumulative buckets never decrease, and the +Inf bucket counts every request the counter saw for that version.
    for (let i = 1; i < buckets.length; i++) expect(buckets[i][1]).toBeGreaterThanOrEqual(buckets[i - 1][1]);
    expect(buckets.at(-1)![0]).toBe(Infinity);
    const modelRequests = after.find((f) => f.name === 'plumb_requests_total')!.metrics.filter((m) => m.labels?.model === 'churn-tree' && m.labels.version === '1').reduce((s, m) => s + Number(m.value), 0);
    expect(buckets.at(-1)![1]).toBe(modelRequests);
  });
});
