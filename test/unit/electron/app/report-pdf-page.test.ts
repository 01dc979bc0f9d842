// The desktop PDF export without Electron: the IPC message names a report by ids and cannot carry HTML; main builds
// the same page the HTML export downloads (drift from a monitor run, explanation from the sample's churn run) and
// refuses unknown ids in one line; the save dialog offers a plain file name whatever the run id holds.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../../electron/api/app-service.js';
import { REPORT_PDF_OPTIONS, reportHtml, reportPdfFileName } from '../../../../electron/app/report-pdf-page.js';
import { reportPdfRequestSchema, reportPdfResponseSchema } from '../../../../shared/api/desktop-reports.js';

const root = join(import.meta.dirname, '../../../..');

describe('the PDF export message', () => {
  it('names a drift or explanation report by the ids its HTML export takes', () => {
    expect(reportPdfRequestSchema.parse({ report: 'drift', source: { runId: 'r1', node: 'drift' } })).toEqual({ report: 'drift', source: { runId: 'r1', node: 'drift' } });
    const explanation = { report: 'explanation', source: { runId: 'r1', nodes: ['shap'], counterfactualRows: { cf: [0, 3] } } };
    expect(reportPdfRequestSchema.parse(explanation)).toEqual(explanation);
  });

  it('carries no HTML and no other report kind, and checks the ids', () => {
    const bad = [
      { report: 'drift', source: { runId: 'r1', node: 'drift' }, html: '<script>alert(1)</script>' },
      { report: 'drift', source: { runId: 'r1', node: '../etc' } },
      { report: 'drift', source: { runId: '', node: 'drift' } },
      { report: 'page', source: { runId: 'r1' } },
      { report: 'explanation', source: { runId: 'r1', counterfactualRows: { cf: [-1] } } },
      '<html></html>',
    ];
    for (const message of bad) expect(reportPdfRequestSchema.safeParse(message).success, JSON.stringify(message)).toBe(false);
  });

  it('answers a saved path or null for a cancelled dialog', () => {
    expect(reportPdfResponseSchema.parse({ path: '/home/u/report.pdf' })).toEqual({ path: '/home/u/report.pdf' });
    expect(reportPdfResponseSchema.parse({ path: null })).toEqual({ path: null });
    expect(reportPdfResponseSchema.safeParse({ error: 'boom' }).success).toBe(false);
  });
});

describe('print options and file name', () => {
  it('prints A4 with backgrounds', () => {
    expect(REPORT_PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true });
  });

  it('offers the HTML export’s name with .pdf, never a path', () => {
    expect(reportPdfFileName({ report: 'drift', source: { runId: '0123456789abcdef', node: 'drift' } })).toBe('drift-drift-01234567.pdf');
    expect(reportPdfFileName({ report: 'explanation', source: { runId: '0123456789abcdef' } })).toBe('explanations-01234567.pdf');
    for (const runId of ['../../x', 'a/b\\c:d', '..']) {
      const name = reportPdfFileName({ report: 'explanation', source: { runId } });
      expect(basename(name)).toBe(name);
      expect(name).toMatch(/^explanations-[A-Za-z0-9_-]+\.pdf$/);
    }
  });
});

describe('main builds the report from its ids', () => {
  let dir: string;
  let app: AppService;
  let driftRun: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plumb-report-pdf-'));
    copyFileSync(join(root, 'assets/sample.plumb'), join(dir, 'sample.plumb'));
    writeFileSync(join(dir, 'reference.csv'), ['x', ...Array.from({ length: 200 }, (_, i) => String(i % 100))].join('\n'));
    writeFileSync(join(dir, 'current.csv'), ['x', ...Array.from({ length: 200 }, (_, i) => String((i % 100) + 60))].join('\n'));
    app = await createAppService({ projectPath: join(dir, 'sample.plumb'), host: 'electron', userDataDir: join(dir, 'user'), computeBackend: () => 'test' });
    const yaml = `plumb: 1
name: monitor
nodes:
  - id: reference
    type: data.read_csv
    params: { path: reference.csv }
  - id: current
    type: data.read_csv
    params: { path: current.csv }
  - id: drift
    type: monitor.drift
    inputs: { reference: reference.table, current: current.table }
`;
    expect((await app.handlers['pipelines.importYaml']({ yaml })).issues).toEqual([]);
    const finished = new Promise<void>((resolve) => {
      const stop = app.onRunEvent((e) => {
        if (e.kind === 'run_finished') {
          stop();
          resolve();
        }
      });
    });
    driftRun = (await app.handlers['runs.start']({ pipeline: 'monitor' })).runId;
    await finished;
  }, 120_000);

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the drift report the HTML export downloads', async () => {
    const html = await reportHtml(app, { report: 'drift', source: { runId: driftRun, node: 'drift' } });
    expect(html).toBe((await app.handlers['drift.exportHtml']({ runId: driftRun, node: 'drift' })).html);
    expect(html).toContain('Dataset drift detected');
    expect(html).toContain('<td>x</td>');
  });

  it('prints the explanation report the HTML export downloads', async () => {
    const source = { runId: 'sample-churn-1' };
    const html = await reportHtml(app, { report: 'explanation', source });
    expect(html).toBe((await app.handlers['explain.exportHtml'](source)).html);
    expect(html).toContain('importance');
    expect(html).not.toMatch(/<script/i);
  });

  it('refuses unknown runs and nodes in one line naming them', async () => {
    await expect(reportHtml(app, { report: 'drift', source: { runId: driftRun, node: 'reference' } })).rejects.toThrow(/^node 'reference' has no drift report in run /);
    await expect(reportHtml(app, { report: 'explanation', source: { runId: 'nope' } })).rejects.toThrow(/^no run 'nope' in this project$/);
    await expect(reportHtml(app, { report: 'explanation', source: { runId: 'sample-churn-1', nodes: ['ghost'] } })).rejects.toThrow(/^run sample-churn-1 has no node 'ghost'$/);
  });
});
