// What the model comparison reads from the pipeline and the answer: which nodes are trained models, the table to
// score them on, the metrics table (sorted, best per column) and the prediction rows a filter keeps.
import type { ModelComparison } from '../../../shared/api/model-compare.js';
import { metricDirection } from '../../../shared/api/metric-direction.js';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import type { PortType } from '../../../shared/catalog/ports.js';
import type { PipelineDocument } from '../../../shared/pipeline/schema.js';
import { sortRows } from '../../ui/table-sort.js';

export interface PortRef {
  node: string;
  port: string;
}

type DocNode = PipelineDocument['nodes'][number];

function portsOf(node: DocNode, type: PortType): string[] {
  const declaration = nodeCatalog.get(node.type);
  return declaration ? Object.entries(declaration.outputs).filter(([, p]) => p.type === type).map(([name]) => name) : [];
}

function refOf(value: string | undefined): PortRef | null {
  const dot = value?.indexOf('.') ?? -1;
  return value && dot > 0 ? { node: value.slice(0, dot), port: value.slice(dot + 1) } : null;
}

/** Every model output of the pipeline (trainers, model.load, imports), in document order. */
export function modelOutputs(doc: PipelineDocument): PortRef[] {
  return doc.nodes.flatMap((n) => portsOf(n, 'model').map((port) => ({ node: n.id, port })));
}

/** The model outputs a selection stands for: a trainer itself, or the model an evaluate/explain/predict node reads. */
export function modelsOfSelection(doc: PipelineDocument, selected: readonly string[]): PortRef[] {
  const out: PortRef[] = [];
  const seen = new Set<string>();
  const add = (ref: PortRef | null) => {
    if (!ref || seen.has(`${ref.node}.${ref.port}`)) return;
    seen.add(`${ref.node}.${ref.port}`);
    out.push(ref);
  };
  for (const id of selected) {
    const node = doc.nodes.find((n) => n.id === id);
    if (!node) continue;
    const own = portsOf(node, 'model');
    if (own.length) own.forEach((port) => add({ node: id, port }));
    else add(refOf(node.inputs?.model));
  }
  return out;
}

/**
 * Tables the models can be scored on, best first: the `data` of evaluate nodes that read one of the models (the
 * test rows), then what predict/explain nodes read for them, then every other table output.
 */
export function tableChoices(doc: PipelineDocument, models: readonly PortRef[]): PortRef[] {
  const chosen = new Set(models.map((m) => `${m.node}.${m.port}`));
  const ranked: [number, string][] = [];
  for (const n of doc.nodes) {
    const model = n.inputs?.model;
    const data = n.inputs?.data;
    if (!model || !data || !chosen.has(model)) continue;
    ranked.push([n.type.startsWith('evaluate.') ? 0 : 1, data]);
  }
  ranked.sort((a, b) => a[0] - b[0]);
  const all = doc.nodes.flatMap((n) => portsOf(n, 'table').map((port) => `${n.id}.${port}`));
  return [...new Set([...ranked.map(([, ref]) => ref), ...all])].map((ref) => refOf(ref)!).filter(Boolean);
}

export type SortDirection = 'ascending' | 'descending';

export interface MetricsTable {
  columns: string[];
  /** model positions in display order */
  order: number[];
  /** per column, the model positions holding the best value (ties all marked); none for undirected columns */
  best: Record<string, number[]>;
}

/** Rows = models, columns = the metrics any model has; sorted by `sort` (missing values last), best marked. */
export function metricsTable(models: ModelComparison['models'], sort: { key: string; direction: SortDirection } | null): MetricsTable {
  const columns = [...new Set(models.flatMap((m) => Object.keys(m.metrics)))];
  const positions = models.map((_, i) => i);
  const order = sort ? sortRows(positions, (i) => models[i].metrics[sort.key], sort.direction === 'descending') : positions;
  const best: Record<string, number[]> = {};
  for (const key of columns) {
    const direction = metricDirection(key);
    if (!direction || models.length < 2) continue;
    const values = models.map((m) => m.metrics[key] ?? null);
    const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (!finite.length) continue;
    const top = direction === 'higher' ? Math.max(...finite) : Math.min(...finite);
    best[key] = values.flatMap((v, i) => (v === top ? [i] : []));
  }
  return { columns, order, best };
}

export interface RowFilter {
  /** classification: keep rows whose predictions differ; regression: order by the spread of the predictions */
  disagreeOnly: boolean;
  /** text every kept row contains somewhere (case-insensitive) */
  search: string;
  /** a confusion-matrix cell: rows of that true class the model predicted as `predicted` */
  cell: { model: number; actual: string; predicted: string } | null;
}

/** Positions of the rows the filter keeps (regression with disagreeOnly: largest spread first). */
export function filterRows(comparison: Pick<ModelComparison, 'task' | 'rows'>, filter: RowFilter): number[] {
  const { rows } = comparison;
  const needle = filter.search.trim().toLowerCase();
  const keep: number[] = [];
  for (let r = 0; r < rows.index.length; r++) {
    const predicted = rows.predicted.map((p) => p[r]);
    if (filter.cell && (String(rows.actual[r]) !== filter.cell.actual || String(predicted[filter.cell.model]) !== filter.cell.predicted)) continue;
    if (filter.disagreeOnly && comparison.task === 'classification' && predicted.every((p) => p === predicted[0])) continue;
    if (needle && ![rows.index[r], rows.actual[r], ...predicted, ...rows.cells[r]].some((v) => String(v).toLowerCase().includes(needle))) continue;
    keep.push(r);
  }
  if (filter.disagreeOnly && comparison.task === 'regression') {
    const spread = (r: number) => {
      const values = rows.predicted.map((p) => Number(p[r]));
      return Math.max(...values) - Math.min(...values);
    };
    keep.sort((a, b) => spread(b) - spread(a) || a - b);
  }
  return keep;
}
