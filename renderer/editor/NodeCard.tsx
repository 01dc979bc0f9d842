// One node on the canvas: title, id, typed ports (handles coloured by port type), run status, progress and
// problems. Memoised, and subscribed only to this node's slice of the run and save stores.
import { Handle, Position, useConnection, type ConnectionState, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { catalogFor } from '../state/document/catalog.js';
import { PORT_COLORS, type PortType } from '../../shared/catalog/ports.js';
import { useRunStore } from '../state/run.js';
import { useSaveStore } from '../state/save.js';
import type { PlumbFlowNode } from '../state/document/flow-elements.js';
import { useGraphStore } from '../state/graph.js';
import { componentNameOf } from '../../shared/pipeline/components.js';
import { componentRunState } from '../state/document/component-status.js';
import type { NodeRunState } from '../state/run-events.js';
import { acceptsDrag } from './connection-rules.js';
import { toggleComponentExpanded } from './component-commands.js';

interface PortRow {
  name: string;
  type: PortType | undefined;
  optional?: boolean;
}

/** While a connection is dragged: whether this port could take it (undefined when not dragging or same side). */
type Hint = 'compatible' | 'incompatible' | undefined;

function PortHandle({ nodeId, port, side, hint }: { nodeId: string; port: PortRow; side: 'input' | 'output'; hint: Hint }) {
  const colour = port.type ? PORT_COLORS[port.type] : '#888';
  return (
    <div className={`port port-${side}${hint ? ` hint-${hint}` : ''}`}>
      <Handle
        type={side === 'input' ? 'target' : 'source'}
        position={side === 'input' ? Position.Left : Position.Right}
        id={port.name}
        className={`port-handle${hint ? ` is-${hint}` : ''}`}
        data-compatible={hint === undefined ? undefined : hint === 'compatible'}
        style={{ background: colour, borderColor: colour }}
        aria-label={`${nodeId}.${port.name} ${side} (${port.type ?? 'unknown'})`}
        title={`${port.name}: ${port.type ?? 'unknown'}${port.optional ? ' (optional)' : ''}`}
      />
      <span className="port-name">{port.name}</span>
      <span className="port-type" style={{ color: colour }}>
        {port.type ?? '?'}
        {port.optional ? '?' : ''}
      </span>
    </div>
  );
}

/** An expanded component fills its frame (sized by component-flow.ts) and lets the inner cards show through. */
const EXPANDED_FRAME_STYLE = { width: '100%', height: '100%', background: 'rgb(246 248 252 / 0.92)', borderStyle: 'dashed' } as const;

function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** The connection being dragged as one string (so cards re-render only when a drag starts or ends), '' when none. */
function dragKey(c: ConnectionState): string {
  return c.inProgress && c.fromHandle.id ? `${c.fromHandle.type}|${c.fromNode.id}|${c.fromHandle.id}` : '';
}

/** Hints for this card's ports on the side opposite the dragged handle. */
function usePortHints(nodeId: string, inputs: PortRow[], outputs: PortRow[]): Record<string, Hint> {
  const key = useConnection(dragKey);
  return useMemo(() => {
    if (!key) return {};
    const [side, fromNode, ...rest] = key.split('|');
    const from = { nodeId: fromNode, handleId: rest.join('|'), side: side as 'source' | 'target' };
    const ports = side === 'source' ? inputs : outputs;
    const doc = useGraphStore.getState().doc;
    return Object.fromEntries(ports.map((p) => [`${side === 'source' ? 'input' : 'output'}:${p.name}`, acceptsDrag(doc, catalogFor(doc), from, nodeId, p.name) ? 'compatible' : 'incompatible']));
  }, [key, nodeId, inputs, outputs]);
}

/** A plain node's run state; a component node's is summed up from its inner nodes (runs report those). */
function useNodeRun(id: string, isComponent: boolean): NodeRunState | undefined {
  const own = useRunStore((s) => (isComponent ? undefined : s.view.nodes[id]));
  const all = useRunStore((s) => (isComponent ? s.view.nodes : undefined));
  return useMemo(() => (all ? componentRunState(all, id) : own), [all, own, id]);
}

function ExpandButton({ id, expanded }: { id: string; expanded: boolean }) {
  const label = `${expanded ? 'Collapse' : 'Expand'} component ${id}`;
  return (
    <button
      type="button"
      className="nodrag icon-button node-expand"
      aria-label={label}
      aria-expanded={expanded}
      title={expanded ? 'Collapse: show the component as one node' : 'Expand: show the nodes inside (read-only)'}
      onClick={(e) => {
        e.stopPropagation();
        toggleComponentExpanded(id);
      }}
    >
      {expanded ? '▾' : '▸'}
    </button>
  );
}

function NodeCardView({ id, data, selected }: NodeProps<PlumbFlowNode>) {
  const components = useGraphStore((s) => s.doc.components);
  const declaration = catalogFor({ components }).get(data.type);
  const isComponent = componentNameOf(data.type) !== undefined && !data.inner && declaration !== undefined;
  const run = useNodeRun(id, isComponent);
  const issues = useSaveStore(useShallow((s) => s.issues.filter((i) => i.node === id)));
  const inputs = useMemo<PortRow[]>(() => (declaration ? Object.entries(declaration.inputs).map(([name, p]) => ({ name, type: p.type, optional: p.optional })) : []), [declaration]);
  const outputs = useMemo<PortRow[]>(() => (declaration ? Object.entries(declaration.outputs).map(([name, p]) => ({ name, type: p.type })) : []), [declaration]);
  const hints = usePortHints(id, inputs, outputs);
  const status = run?.status;
  const percent = run?.fraction !== undefined ? Math.round(run.fraction * 100) : undefined;

  return (
    <div
      className={`node-card${selected ? ' is-selected' : ''}${status ? ` status-${status}` : ''}${issues.length ? ' has-issues' : ''}${data.expanded ? ' is-expanded' : ''}`}
      data-status={status ?? 'none'}
      style={data.expanded ? EXPANDED_FRAME_STYLE : undefined}
    >
      <header className={`node-head group-${declaration?.group ?? 'unknown'}`}>
        <span className="node-title">
          {isComponent && <ExpandButton id={id} expanded={!!data.expanded} />}
          {declaration?.title ?? data.type}
        </span>
        {status === 'failed' && <span className="node-failed-badge">Failed</span>}
        <span className="node-id">{id}</span>
      </header>
      {!declaration && <p className="node-error">Unknown node type {data.type}</p>}
      <div className="node-ports">
        <div className="ports-in">
          {inputs.map((p) => (
            <PortHandle key={p.name} nodeId={id} port={p} side="input" hint={hints[`input:${p.name}`]} />
          ))}
        </div>
        <div className="ports-out">
          {outputs.map((p) => (
            <PortHandle key={p.name} nodeId={id} port={p} side="output" hint={hints[`output:${p.name}`]} />
          ))}
        </div>
      </div>
      {run && (
        <div className="node-status">
          <span className={`status-badge status-${run.status}`}>{run.status}</span>
          {run.seconds !== undefined && <span className="node-seconds">{formatSeconds(run.seconds)}</span>}
          {run.message && run.status === 'running' && <span className="node-message" title={run.message}>{run.message}</span>}
        </div>
      )}
      {(status === 'running' || status === 'queued') && (
        <div className="progress" role="progressbar" aria-label={`Progress of ${id}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? 0}>
          <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
        </div>
      )}
      {run?.status === 'failed' && run.error && (
        <p className="node-error" title={run.error}>
          {run.error}
        </p>
      )}
      {issues.length > 0 && (
        <p className="node-issues" title={issues.map((i) => i.message).join('\n')}>
          ⚠ {issues[0].message}
          {issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}
        </p>
      )}
    </div>
  );
}

export const NodeCard = memo(NodeCardView);
