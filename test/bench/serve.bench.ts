// Benchmark: `plumb serve` under load (SPEC §9, issue 12). A 100-tree random forest on 20 features (trained here on
// seeded data), single-row JSON requests to /v1/models/<name>:predict from autocannon on loopback: throughput and
// p50/p95/p99 latency at a fixed 1,000 req/s and at saturation, with the CPU the load generator and the server
// used; then the same requests against a minimal Flask + scikit-learn RandomForestClassifier.predict_proba server
// (the baseline a user would otherwise write), when python3 has flask and sklearn, as a ratio.
// Run: npm run bench -- serve   (about two minutes; loopback only; each load phase lasts PHASE_SECONDS and sends
// at most MAX_PHASE_REQUESTS requests; training and server start are bounded by timeouts).
//
// autocannon's fixed rate (`overallRate`) is not evenly paced: each of its connections sends its share of the
// second back to back, then waits for the next second. Its 1,000 req/s phase is therefore bursts of 10 concurrent
// requests at the server's full speed, a harder load for the tail latency than 1,000 req/s arriving evenly; the
// run also measures that (one request due every millisecond, open loop, latency counted from when it was due) and
// reports the goal against both, and runs the same bursts against a node:http server answering a constant: the
// floor the machine and the generator leave for that phase.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { Random } from '../../electron/ml/random.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The baseline's interpreter (PLUMB_BENCH_PYTHON overrides it, e.g. to check the run without Flask). */
const PYTHON = process.env.PLUMB_BENCH_PYTHON ?? '/usr/bin/python3';
const ROWS = 5000;
const FEATURES = 20;
const TREES = 100;
const MAX_DEPTH = 12;
/** Seconds per load phase (PLUMB_BENCH_SERVE_SECONDS shortens a smoke run). */
const PHASE_SECONDS = Number(process.env.PLUMB_BENCH_SERVE_SECONDS ?? 10);
const MAX_PHASE_REQUESTS = 200_000;
const FIXED_RATE = 1000;
const FIXED_CONNECTIONS = 10;
const SATURATION_CONNECTIONS = 32;
const START_TIMEOUT_MS = 120_000;
const TRAIN_TIMEOUT_MS = 300_000;
const TARGETS = { p99AtFixedMs: 5, saturationRps: 5000 };
const TICKS = 100; // clock ticks per second in /proc/<pid>/stat (Linux default)

/** Seeded: 20 normal features, a binary target from a noisy linear-plus-interaction score. */
function generate(path: string): number[][] {
  const random = new Random(12);
  const names = Array.from({ length: FEATURES }, (_, j) => `f${j}`);
  const lines = [[...names, 'label'].join(',')];
  const rows: number[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: FEATURES }, () => Number(random.normal().toFixed(4)));
    const score = x[0] + 0.5 * x[1] - 0.8 * x[2] + x[3] * x[4] + 0.5 * random.normal();
    lines.push([...x, score > 0 ? 'yes' : 'no'].join(','));
    rows.push(x);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return rows;
}

const pipeline = `plumb: 1
name: bench-forest
nodes:
  - id: data
    type: data.read_csv
    params: { path: data.csv }
  - id: forest
    type: model.random_forest
    inputs: { train: data.table }
    params: { target: label, n_estimators: ${TREES}, max_depth: ${MAX_DEPTH}, seed: 0 }
`;

/** The floor of this machine and load generator: node:http answering a constant (the JSON body read, no model). */
const CONSTANT_SERVER = `
const http = require('node:http');
const answer = '{"predictions":[{"label":"yes","probabilities":{"no":0.16,"yes":0.84}}]}';
const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    JSON.parse(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => console.log('ready ' + server.address().port));
`;

const FLASK = `
import sys, logging, numpy as np, pandas as pd
from flask import Flask, request, jsonify
from sklearn.ensemble import RandomForestClassifier
from werkzeug.serving import make_server
df = pd.read_csv(sys.argv[1])
features = [c for c in df.columns if c != 'label']
model = RandomForestClassifier(n_estimators=${TREES}, max_depth=${MAX_DEPTH}, random_state=0).fit(df[features].values, df['label'].values)
app = Flask(__name__)
logging.getLogger('werkzeug').setLevel(logging.ERROR)
@app.post('/v1/models/model:predict')
def predict():
    rows = request.get_json()['instances']
    X = np.array([[r[f] for f in features] for r in rows], dtype=float)
    p = model.predict_proba(X)
    return jsonify(predictions=[{'label': model.classes_[k], 'probabilities': dict(zip(model.classes_, map(float, q)))} for k, q in zip(p.argmax(1), p)])
server = make_server('127.0.0.1', 0, app, threaded=True)
print('ready', server.server_port, flush=True)
server.serve_forever()
`;

interface Phase {
  label: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  generatorCpu: number;
  serverCpu: number;
}

function processTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime are fields 14–17 (1-based) of the whole line; after "pid (comm) " they start at index 11.
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  } catch {
    return NaN;
  }
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

async function load(label: string, url: string, body: string, serverPid: number, rate?: number): Promise<Phase> {
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const ticks0 = processTicks(serverPid);
  const result = await new Promise<{ requests: { total: number }; non2xx: number; errors: number; timeouts: number }>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: rate ? FIXED_CONNECTIONS : SATURATION_CONNECTIONS,
        duration: PHASE_SECONDS,
        maxOverallRequests: rate ? Math.ceil(rate * PHASE_SECONDS * 1.1) : MAX_PHASE_REQUESTS,
        ...(rate ? { overallRate: rate } : {}),
      },
      (error, r) => (error ? reject(error) : resolvePromise(r)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const seconds = (performance.now() - wall0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const sorted = Float64Array.from(times).sort();
  return {
    label,
    rps: result.requests.total / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: result.non2xx + result.errors + result.timeouts,
    generatorCpu: (cpu.user + cpu.system) / 1e6 / seconds,
    serverCpu: (processTicks(serverPid) - ticks0) / TICKS / seconds,
  };
}

/**
 * The same fixed rate evenly paced and open loop: request i is due at i / rate seconds and written then on an idle
 * keep-alive connection (a new one while all are busy, up to 64; else it waits for one) whether or not earlier
 * ones were answered; its latency runs from when it was due, so a late generator or a queue in the server counts
 * against the server (no coordinated omission). Raw sockets with the request's bytes prebuilt and only the status
 * line and Content-Length of answers read keep the generator's own cost near autocannon's.
 */
async function paced(label: string, url: string, body: string, serverPid: number, rate: number): Promise<Phase> {
  const n = Math.round(rate * PHASE_SECONDS);
  const target = new URL(url);
  const bytes = Buffer.from(
    `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`,
  );
  const latencies = new Float64Array(n).fill(Infinity);
  let sent = 0;
  let answered = 0;
  let errors = 0;
  interface Conn {
    socket: Socket;
    busy: number;
    due: number;
    buffer: Buffer;
  }
  const idle: Conn[] = [];
  const all: Conn[] = [];
  const waiting: number[] = [];
  let finish: () => void = () => undefined;
  const done = new Promise<void>((r) => (finish = r));
  const settle = () => ++answered === n && finish();

  const open = (): Conn => {
    const conn: Conn = { socket: connect(Number(target.port), target.hostname), busy: -1, due: 0, buffer: Buffer.alloc(0) };
    conn.socket.setNoDelay(true);
    conn.socket.on('data', (chunk: Buffer) => {
      conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, chunk]) : chunk;
      const end = conn.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = conn.buffer.subarray(0, end).toString('latin1');
      const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (conn.buffer.length < end + 4 + length) return;
      conn.buffer = conn.buffer.subarray(end + 4 + length);
      if (!head.startsWith('HTTP/1.1 200')) errors++;
      latencies[conn.busy] = performance.now() - conn.due;
      conn.busy = -1;
      settle();
      const next = waiting.shift();
      if (next === undefined) idle.push(conn);
      else write(conn, next);
    });
    conn.socket.on('error', () => {
      if (conn.busy >= 0) {
        errors++;
        conn.busy = -1;
        settle();
      }
    });
    all.push(conn);
    return conn;
  };
  const dueAt = (i: number) => t0 + (i * 1000) / rate;
  const write = (conn: Conn, i: number) => {
    conn.busy = i;
    conn.due = dueAt(i);
    conn.socket.write(bytes);
  };
  const cpu0 = process.cpuUsage();
  const ticks0 = processTicks(serverPid);
  const t0 = performance.now();
  const tick = () => {
    const dueNow = Math.min(n, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
    while (sent < dueNow) {
      const i = sent++;
      const conn = idle.pop() ?? (all.length < 64 ? open() : undefined);
      if (conn) write(conn, i);
      else waiting.push(i);
    }
    if (sent < n) setTimeout(tick, Math.max(0, dueAt(sent) - performance.now()));
  };
  tick();
  const timeout = setTimeout(finish, (PHASE_SECONDS + 10) * 1000);
  await done;
  clearTimeout(timeout);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  for (const conn of all) conn.socket.destroy();
  const sorted = latencies.sort();
  return {
    label,
    rps: answered / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: errors + (n - answered),
    generatorCpu: (cpu.user + cpu.system) / 1e6 / seconds,
    serverCpu: (processTicks(serverPid) - ticks0) / TICKS / seconds,
  };
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${START_TIMEOUT_MS / 1000} s: ${err}`)), START_TIMEOUT_MS);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match);
      }
    });
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}: ${err}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const row = (p: Phase) =>
  `| ${p.label} | ${p.rps.toFixed(0)} | ${p.p50.toFixed(2)} | ${p.p95.toFixed(2)} | ${p.p99.toFixed(2)} | ${p.errors} | ${(p.generatorCpu * 100).toFixed(0)}% | ${(p.serverCpu * 100).toFixed(0)}% |`;

export async function benchServe(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plumb-bench-serve-'));
  const children: ChildProcess[] = [];
  try {
    const rows = generate(join(dir, 'data.csv'));
    writeFileSync(join(dir, 'train.yaml'), pipeline);
    const trained = spawnSync(process.execPath, [join(ROOT, 'bin/plumb.mjs'), 'run', 'train.yaml', '--out', 'out'], { cwd: dir, encoding: 'utf8', timeout: TRAIN_TIMEOUT_MS });
    if (trained.status !== 0) throw new Error(`training failed: ${trained.stderr}`);
    const instance = Object.fromEntries(rows[0].map((v, j) => [`f${j}`, v]));
    const body = JSON.stringify({ instances: [instance] });

    const plumb = spawn(process.execPath, [join(ROOT, 'bin/plumb.mjs'), 'serve', join(dir, 'out/forest/model.json'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(plumb);
    const [, base] = await waitForLine(plumb, /Plumb serving model at (http:\/\/127\.0\.0\.1:\d+)/, 'plumb serve');
    const url = `${base}/v1/models/model:predict`;
    const check = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as { predictions: unknown[] };
    if (check.predictions?.length !== 1) throw new Error(`unexpected answer ${JSON.stringify(check)}`);
    await load('warm-up', url, body, plumb.pid!, 500);
    const plumbFixed = await load(`plumb serve, ${FIXED_RATE.toLocaleString('en')} req/s`, url, body, plumb.pid!, FIXED_RATE);
    const plumbMax = await load('plumb serve, saturation', url, body, plumb.pid!);
    const plumbPaced = await paced(`plumb serve, ${FIXED_RATE.toLocaleString('en')} req/s evenly paced (open loop)`, url, body, plumb.pid!, FIXED_RATE);
    await stop(plumb);
    // What the machine and the generator allow at best: the same burst phase against a server that does no work.
    const constant = spawn(process.execPath, ['-e', CONSTANT_SERVER], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(constant);
    const [, constantPort] = await waitForLine(constant, /ready (\d+)/, 'the constant server');
    const constantUrl = `http://127.0.0.1:${constantPort}/v1/models/model:predict`;
    await load('warm-up', constantUrl, body, constant.pid!, 500);
    const floor = await load(`node:http answering a constant (floor), ${FIXED_RATE.toLocaleString('en')} req/s`, constantUrl, body, constant.pid!, FIXED_RATE);
    await stop(constant);

    console.log(`${TREES}-tree random forest (max_depth ${MAX_DEPTH}) on ${FEATURES} features, ${ROWS} training rows; single-row JSON; ${PHASE_SECONDS} s per phase; loopback; latency in ms`);
    console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min): other processes share these cores`);
    console.log(
      `load generator: autocannon in this process (its CPU is the "load generator CPU" column, of the same ${availableParallelism()} cores); ` +
        `fixed rate = ${FIXED_CONNECTIONS} connections, each sending its share of the second back to back, then idle (bursts, not even spacing); ` +
        `saturation = ${SATURATION_CONNECTIONS} connections`,
    );
    console.log('| server, load | req/s | p50 | p95 | p99 | errors | load generator CPU | server CPU |');
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(row(plumbFixed));
    console.log(row(plumbMax));
    console.log(row(plumbPaced));
    console.log(row(floor));
    const met = (p: Phase) => (p.p99 < TARGETS.p99AtFixedMs && p.errors === 0 ? 'yes' : 'no');
    const saturationMet = plumbMax.rps >= TARGETS.saturationRps && plumbMax.errors === 0;
    console.log(
      `goal p99 < ${TARGETS.p99AtFixedMs} ms at ${FIXED_RATE.toLocaleString('en')} req/s: autocannon (bursts of ${FIXED_CONNECTIONS}): ${met(plumbFixed)} (${plumbFixed.p99.toFixed(2)} ms); ` +
        `evenly paced: ${met(plumbPaced)} (${plumbPaced.p99.toFixed(2)} ms)`,
    );
    console.log(`goal saturation ≥ ${TARGETS.saturationRps.toLocaleString('en')} req/s: ${saturationMet ? 'yes' : 'no'} (${plumbMax.rps.toFixed(0)} req/s)`);
    console.log(`(a server that does no work gets p99 ${floor.p99.toFixed(2)} ms from the same autocannon bursts on this machine now)`);

    const missing = spawnSync(PYTHON, ['-c', 'import flask, werkzeug, sklearn, numpy, pandas'], { encoding: 'utf8', timeout: 60_000 });
    if (missing.status !== 0) {
      const why = missing.error ? `${PYTHON} not found` : (missing.stderr.trim().split('\n').at(-1) ?? 'python3 lacks flask or sklearn');
      console.log(`Flask baseline skipped: ${why}`);
      return;
    }
    let flaskFixed: Phase;
    let flaskMax: Phase;
    try {
      writeFileSync(join(dir, 'serve.py'), FLASK);
      const flask = spawn(PYTHON, [join(dir, 'serve.py'), join(dir, 'data.csv')], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(flask);
      const [, port] = await waitForLine(flask, /ready (\d+)/, 'Flask server');
      const flaskUrl = `http://127.0.0.1:${port}/v1/models/model:predict`;
      const answer = await fetch(flaskUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (!answer.ok) throw new Error(`the Flask server answered ${answer.status}`);
      await load('warm-up', flaskUrl, body, flask.pid!, 100);
      flaskFixed = await load(`Flask + sklearn, ${FIXED_RATE.toLocaleString('en')} req/s`, flaskUrl, body, flask.pid!, FIXED_RATE);
      flaskMax = await load('Flask + sklearn, saturation', flaskUrl, body, flask.pid!);
      await stop(flask);
    } catch (e) {
      console.log(`Flask baseline skipped: ${(e as Error).message.split('\n')[0]}`);
      return;
    }
    console.log(row(flaskFixed));
    console.log(row(flaskMax));
    console.log(
      `plumb serve / Flask (same run): saturation throughput ×${(plumbMax.rps / flaskMax.rps).toFixed(1)}; p99 at ${FIXED_RATE.toLocaleString('en')} req/s ×${(flaskFixed.p99 / plumbFixed.p99).toFixed(1)} lower` +
        (flaskFixed.rps < 0.95 * FIXED_RATE ? ` (Flask reached only ${flaskFixed.rps.toFixed(0)} req/s of the ${FIXED_RATE.toLocaleString('en')} asked)` : ''),
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
