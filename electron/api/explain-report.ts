// The explanation report of a run (explain.exportHtml): every stored explanation and fairness output of the run (or
// the chosen nodes), read from the project and turned into one standalone HTML page by shared/explain-report.
import { invalidInput } from '../../shared/errors.js';
import type { ApiRequest } from '../../shared/api/contract.js';
import { explainReportHtml, type ReportOutput } from '../../shared/explain-report/html.js';
import type { ProjectFile } from '../store/project-file.js';

const REPORTED = /^(explain\.(shap|permutation_importance|interactions|counterfactual)|evaluate\.fairness)$/;
const PORTS = ['explanation', 'metrics'];

export function explanationReport(project: ProjectFile, request: ApiRequest<'explain.exportHtml'>): { html: string } {
  const run = project.runs.get(request.runId);
  if (!run) throw invalidInput(`no run '${request.runId}' in this project`);
  const known = new Set(run.nodes.map((n) => n.id));
  for (const node of request.nodes ?? []) if (!known.has(node)) throw invalidInput(`run ${request.runId} has no node '${node}'`, { param: 'nodes' });
  const chosen = run.nodes.filter((n) => (request.nodes ? request.nodes.includes(n.id) : REPORTED.test(n.type)));
  const outputs: ReportOutput[] = [];
  for (const n of chosen) {
    const stored = project.runs.outputs(request.runId, n.id);
    const port = PORTS.find((p) => stored?.[p]);
    if (!stored || !port) continue;
    outputs.push({ node: n.id, type: n.type, value: JSON.parse(new TextDecoder().decode(stored[port])) as unknown });
  }
  return { html: explainReportHtml(outputs, { title: `Explanation report: ${run.pipeline} (run ${run.startedAt})`, counterfactualRows: request.counterfactualRows }) };
}
