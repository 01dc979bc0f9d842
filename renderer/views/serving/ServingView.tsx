// The Serving view: serve a registered model (or two, split by weight) from the app, watch live throughput and
// p50/p95/p99 latency, and the last requests. The server runs in the app's process on its own loopback port.
import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ServingStatus } from '../../../shared/api/serving.js';
import { loadServing, modelChoices, pollServing, startServing, stopServing, useServingStore } from '../../state/serving.js';

const POLL_MS = 1000;

function TrafficChart({ status }: { status: ServingStatus }) {
  const now = status.traffic.at(-1)?.t ?? 0;
  const data = status.traffic.map((p) => ({ ...p, ago: (p.t - now) / 1000 }));
  return (
    <figure className="serving-chart" aria-label="Throughput and latency">
      <div style={{ width: '100%', height: 240 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 18, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e6ea" />
            <XAxis dataKey="ago" type="number" domain={[-59, 0]} label={{ value: 'seconds ago', position: 'insideBottom', offset: -10 }} />
            <YAxis yAxisId="rps" width={56} allowDecimals={false} label={{ value: 'requests / s', angle: -90, position: 'insideLeft' }} />
            <YAxis yAxisId="ms" orientation="right" width={56} label={{ value: 'latency (ms)', angle: 90, position: 'insideRight' }} />
            <Tooltip />
            <Legend verticalAlign="top" />
            <Line yAxisId="rps" dataKey="requests" name="throughput" stroke="#2f7ed8" dot={false} isAnimationActive={false} />
            <Line yAxisId="ms" dataKey="p50" name="p50" stroke="#27ae60" dot={false} connectNulls isAnimationActive={false} />
            <Line yAxisId="ms" dataKey="p95" name="p95" stroke="#e67e22" dot={false} connectNulls isAnimationActive={false} />
            <Line yAxisId="ms" dataKey="p99" name="p99" stroke="#c0392b" dot={false} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function LiveSummary({ status }: { status: ServingStatus }) {
  const last = [...status.traffic].reverse().find((p) => p.requests > 0);
  const lastMinute = status.traffic.reduce((s, p) => s + p.requests, 0);
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v.toFixed(2)} ms`);
  return (
    <dl className="serving-summary" aria-label="Live numbers">
      <dt>Total requests</dt>
      <dd>{status.totalRequests}</dd>
      <dt>Last minute</dt>
      <dd>{lastMinute} requests</dd>
      <dt>Latency p50 / p95 / p99</dt>
      <dd>
        {ms(last?.p50)} / {ms(last?.p95)} / {ms(last?.p99)}
      </dd>
    </dl>
  );
}

function RecentRequests({ status }: { status: ServingStatus }) {
  return (
    <table className="data-table" aria-label="Last requests">
      <thead>
        <tr>
          <th scope="col">time</th>
          <th scope="col">request</th>
          <th scope="col">status</th>
          <th scope="col">version</th>
          <th scope="col">rows</th>
          <th scope="col">latency (ms)</th>
        </tr>
      </thead>
      <tbody>
        {status.recent.map((r, i) => (
          <tr key={`${r.at}-${i}`}>
            <td className="nowrap">{new Date(r.at).toLocaleTimeString()}</td>
            <td className="ellipsis">
              {r.method} {r.path}
            </td>
            <td>{r.code}</td>
            <td>{r.version ?? '–'}</td>
            <td>{r.rows}</td>
            <td>{r.latencyMs.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServingView() {
  const { models, status, busy, error } = useServingStore();
  const choices = modelChoices(models);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [weightA, setWeightA] = useState(90);
  const [weightB, setWeightB] = useState(10);
  const chosen = first || choices[0] || '';
  const running = status?.running ?? false;

  useEffect(() => {
    void loadServing();
    const timer = setInterval(() => void pollServing(), POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const start = () => void startServing(second ? [chosen, second] : [chosen], second ? [weightA, weightB] : undefined);

  return (
    <section aria-label="Serving" className="serving-view">
      <div className="view-bar">
        <h2 className="view-title">Serving</h2>
        <label className="inline-field">
          Model
          <select value={chosen} onChange={(e) => setFirst(e.target.value)} disabled={choices.length === 0}>
            {choices.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          A/B with
          <select value={second} onChange={(e) => setSecond(e.target.value)}>
            <option value="">none</option>
            {choices.filter((c) => c !== chosen).map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        {second && (
          <>
            <label className="inline-field">
              Weight A
              <input type="number" min={0} step={1} value={weightA} onChange={(e) => setWeightA(Number(e.target.value))} style={{ width: 64 }} />
            </label>
            <label className="inline-field">
              Weight B
              <input type="number" min={0} step={1} value={weightB} onChange={(e) => setWeightB(Number(e.target.value))} style={{ width: 64 }} />
            </label>
          </>
        )}
        <button type="button" onClick={start} disabled={busy || !chosen}>
          {running ? 'Restart serving' : 'Start serving'}
        </button>
        <button type="button" onClick={() => void stopServing()} disabled={busy || !running}>
          Stop serving
        </button>
      </div>
      <div className="serving-body">
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {choices.length === 0 && <p className="muted">No registered models yet: register a run's model in the Runs view.</p>}
        <p role="status" aria-label="Serving status">
          {running && status ? (
            <>
              Serving <strong>{status.name}</strong> at <code>{status.url}</code>:{' '}
              {status.versions.map((v) => `version ${v.version} (${v.ref}, ${Math.round(v.weight * 100)}%)`).join(', ')}
            </>
          ) : (
            'Not serving'
          )}
        </p>
        {running && status && (
          <>
            <p className="muted small">
              TF Serving: <code>POST {status.url}/v1/models/{status.name}:predict</code> · MLflow: <code>POST {status.url}/invocations</code> · metrics:{' '}
              <code>{status.url}/metrics</code>
            </p>
            <LiveSummary status={status} />
            <TrafficChart status={status} />
            <h3>Last requests</h3>
            <RecentRequests status={status} />
          </>
        )}
      </div>
    </section>
  );
}
