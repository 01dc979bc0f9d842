// The inspector: for the selected node, its id, its inputs and a form generated from its param declarations;
// with nothing selected, the pipeline's own description.
import { useEffect, useMemo, useState } from 'react';
import { catalogFor } from '../state/document/catalog.js';
import { closureSignature, columnsKey, loadColumns, useColumnsStore } from '../state/columns.js';
import { useGraphStore } from '../state/graph.js';
import { useSaveStore } from '../state/save.js';
import { selectSingleNode, useSelectionStore } from '../state/selection.js';
import { useShallow } from 'zustand/react/shallow';
import { connectPorts, deleteSelection, disconnectInput } from './commands.js';
import { compatibleOutputs } from './connection-rules.js';
import { nodeIdProblem, renameNode, setParam } from '../state/document/graph-edits.js';
import { paramFields, storedParamValue } from './param-fields.js';
import { ParamInput } from './ParamInput.js';

function NodeIdField({ id }: { id: string }) {
  const [draft, setDraft] = useState(id);
  const problem = useGraphStore((s) => nodeIdProblem(s.doc, id, draft));
  useEffect(() => setDraft(id), [id]);
  const commit = () => {
    if (draft === id || problem) return;
    useGraphStore.getState().edit((doc) => renameNode(doc, id, draft));
    useSelectionStore.getState().select([draft]);
  };
  return (
    <div className="param">
      <label htmlFor="inspector-node-id" className="param-label">
        Node id
      </label>
      <input
        id="inspector-node-id"
        type="text"
        className="code"
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'inspector-node-id-error' : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(id);
        }}
      />
      {problem && (
        <p id="inspector-node-id-error" className="param-errors">
          {problem}
        </p>
      )}
    </div>
  );
}

function InputsSection({ id }: { id: string }) {
  const doc = useGraphStore((s) => s.doc);
  const issues = useSaveStore(useShallow((s) => s.issues.filter((i) => i.node === id && i.key)));
  const spec = doc.nodes.find((n) => n.id === id);
  const declaration = spec && catalogFor(doc).get(spec.type);
  if (!spec || !declaration || Object.keys(declaration.inputs).length === 0) return null;
  return (
    <section className="inspector-section" aria-labelledby="inspector-inputs">
      <h3 id="inspector-inputs">Inputs</h3>
      {Object.entries(declaration.inputs).map(([port, p]) => {
        const current = spec.inputs?.[port] ?? '';
        const choices = compatibleOutputs(doc, catalogFor(doc), id, port);
        if (current && !choices.includes(current)) choices.unshift(current);
        const problems = issues.filter((i) => i.key === port);
        return (
          <div className="param" key={port}>
            <label htmlFor={`inspector-input-${port}`} className="param-label">
              Input {port} <span className="muted">({p.type}{p.optional ? ', optional' : ''})</span>
            </label>
            <select
              id={`inspector-input-${port}`}
              value={current}
              aria-invalid={problems.length > 0 || undefined}
              aria-describedby={problems.length > 0 ? `inspector-input-${port}-error` : undefined}
              onChange={(e) => {
                const ref = e.target.value;
                if (!ref) return disconnectInput(id, port);
                const dot = ref.indexOf('.');
                connectPorts({ source: ref.slice(0, dot), sourceHandle: ref.slice(dot + 1), target: id, targetHandle: port });
              }}
            >
              <option value="">(not connected)</option>
              {choices.map((ref) => (
                <option key={ref} value={ref}>
                  {ref}
                </option>
              ))}
            </select>
            {problems.length > 0 && (
              <ul id={`inspector-input-${port}-error`} className="param-errors">
                {problems.map((i, n) => (
                  <li key={n}>{i.message}</li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}

function ParamsSection({ id }: { id: string }) {
  const spec = useGraphStore((s) => s.doc.nodes.find((n) => n.id === id));
  const pipeline = useGraphStore((s) => s.pipeline);
  const issues = useSaveStore(useShallow((s) => s.issues.filter((i) => i.node === id)));
  const byOutput = useColumnsStore((s) => s.byOutput);
  const components = useGraphStore((s) => s.doc.components);
  const declaration = spec && catalogFor({ components }).get(spec.type);
  const fields = useMemo(() => (declaration ? paramFields(declaration) : []), [declaration]);

  const columnRefs = useMemo(() => {
    const refs = new Set<string>();
    for (const f of fields) {
      if (f.widget && 'port' in f.widget) {
        const ref = spec?.inputs?.[f.widget.port];
        if (ref) refs.add(ref);
      }
    }
    return [...refs];
  }, [fields, spec]);

  // One text per picked input: what its columns depend on, so an upstream edit asks again.
  const signatures = useGraphStore(useShallow((s) => columnRefs.map((ref) => closureSignature(s.doc, ref))));
  const keyOf = (ref: string) => (pipeline ? columnsKey(pipeline, ref, signatures[columnRefs.indexOf(ref)] ?? '') : '');

  useEffect(() => {
    if (!pipeline) return;
    const doc = useGraphStore.getState().doc;
    for (const ref of columnRefs) void loadColumns(pipeline, doc, ref);
  }, [pipeline, columnRefs, signatures, byOutput]);

  if (!spec || !declaration) return null;
  const known = new Set(fields.map((f) => f.name));
  const unknownParams = Object.keys(spec.params ?? {}).filter((name) => !known.has(name));

  return (
    <section className="inspector-section" aria-labelledby="inspector-params">
      <h3 id="inspector-params">Parameters</h3>
      {fields.length === 0 && <p className="muted">This node has no parameters.</p>}
      {fields.map((field) => {
        const port = field.widget && 'port' in field.widget ? field.widget.port : undefined;
        const ref = port ? spec.inputs?.[port] : undefined;
        return (
          <ParamInput
            key={field.name}
            field={field}
            value={spec.params?.[field.name]}
            issues={issues.filter((i) => i.key === field.name).map((i) => i.message)}
            columns={ref && pipeline ? byOutput[keyOf(ref)] : undefined}
            columnsInputConnected={!!ref}
            onRefreshColumns={() => ref && pipeline && void loadColumns(pipeline, useGraphStore.getState().doc, ref, true)}
            onChange={(value) => useGraphStore.getState().edit((doc) => setParam(doc, id, field.name, storedParamValue(field, value)))}
          />
        );
      })}
      {unknownParams.map((name) => (
        <div className="param has-error" key={name}>
          <span className="param-label">{name}</span>
          <p className="param-errors">Not a param of {declaration.type}.</p>
          <button type="button" onClick={() => useGraphStore.getState().edit((doc) => setParam(doc, id, name, undefined))}>
            Remove {name}
          </button>
        </div>
      ))}
    </section>
  );
}

function NodeInspector({ id }: { id: string }) {
  const type = useGraphStore((s) => s.doc.nodes.find((n) => n.id === id)?.type);
  const components = useGraphStore((s) => s.doc.components);
  const declaration = type ? catalogFor({ components }).get(type) : undefined;
  // Problems the param fields and input pickers do not show next to themselves.
  const otherIssues = useSaveStore(
    useShallow((s) => s.issues.filter((i) => i.node === id && (!i.key || !declaration || !(Object.hasOwn(declaration.params.shape, i.key) || Object.hasOwn(declaration.inputs, i.key))))),
  );
  if (!type) return null;
  return (
    <div className="inspector-body">
      <header className="inspector-head">
        <h3>{declaration?.title ?? type}</h3>
        <code className="muted">{type}</code>
      </header>
      {declaration && (
        <details className="node-docs">
          <summary>About this node</summary>
          <p>{declaration.docs}</p>
        </details>
      )}
      {otherIssues.length > 0 && (
        <ul className="param-errors">
          {otherIssues.map((i, n) => (
            <li key={n}>{i.message}</li>
          ))}
        </ul>
      )}
      <NodeIdField id={id} />
      <InputsSection id={id} />
      <ParamsSection id={id} />
    </div>
  );
}

function PipelineInspector() {
  const pipeline = useGraphStore((s) => s.pipeline);
  const description = useGraphStore((s) => s.doc.description ?? '');
  const count = useGraphStore((s) => s.doc.nodes.length);
  const [draft, setDraft] = useState(description);
  useEffect(() => setDraft(description), [description]);
  if (!pipeline) return <p className="muted">Open or create a pipeline.</p>;
  const commit = () => {
    if (draft === description) return;
    useGraphStore.getState().edit((doc) => {
      const { description: _old, ...rest } = doc;
      return draft.trim() === '' ? rest : { ...rest, description: draft };
    });
  };
  return (
    <div className="inspector-body">
      <header className="inspector-head">
        <h3>{pipeline}</h3>
        <span className="muted">
          {count} node{count === 1 ? '' : 's'}
        </span>
      </header>
      <div className="param">
        <label htmlFor="pipeline-description" className="param-label">
          Pipeline description
        </label>
        <textarea id="pipeline-description" rows={4} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      </div>
      <p className="muted small">Select a node to edit its parameters.</p>
    </div>
  );
}

export function Inspector() {
  const single = useSelectionStore(selectSingleNode);
  const count = useSelectionStore((s) => s.nodes.length);
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      {count > 1 ? (
        <div className="inspector-body">
          <p>{count} nodes selected.</p>
          <button type="button" onClick={deleteSelection}>
            Delete selected nodes
          </button>
        </div>
      ) : single ? (
        <NodeInspector key={single} id={single} />
      ) : (
        <PipelineInspector />
      )}
    </aside>
  );
}
