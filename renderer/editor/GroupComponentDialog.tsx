// The "Group into component" dialog: a name, the ports the selection's boundary gives the component (shown, not
// chosen: they follow the connections), and which of the inner nodes' params to expose (none unless ticked).
import { useMemo, useState } from 'react';
import { catalogFor } from '../state/document/catalog.js';
import { boundaryPorts, componentNameProblem, exposableParams, type ExposedParam } from '../state/document/component-edits.js';
import { nextNodeId } from '../state/document/graph-edits.js';
import { useGraphStore } from '../state/graph.js';
import { Dialog, DialogForm } from '../ui/Dialog.js';
import { closeGroupDialog, groupNodes, takenComponentNames, useGroupDialogStore } from './component-commands.js';

const paramKey = (p: ExposedParam) => `${p.node}.${p.param}`;

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function GroupForm({ ids }: { ids: string[] }) {
  const doc = useGraphStore((s) => s.doc);
  const [name, setName] = useState(() => nextNodeId('component', takenComponentNames()));
  const [exposed, setExposed] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string>();
  const ports = useMemo(() => boundaryPorts(doc, ids, catalogFor(doc)), [doc, ids]);
  const params = useMemo(() => exposableParams(doc, ids), [doc, ids]);
  const nameProblem = componentNameProblem(name, takenComponentNames());

  const toggle = (key: string) =>
    setExposed((before) => {
      const next = new Set(before);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const submit = () => {
    if (nameProblem) return setProblem(nameProblem);
    const why = groupNodes(ids, name, params.filter((p) => exposed.has(paramKey(p))));
    if (why) setProblem(why);
    else closeGroupDialog();
  };

  return (
    <DialogForm submitLabel="Group" onSubmit={submit} onCancel={closeGroupDialog}>
      <p className="muted">
        {ids.length} node{ids.length === 1 ? '' : 's'} ({ids.join(', ')}) become one component node, saved in the project library for other pipelines.
      </p>
      <label className="field">
        <span>Component name</span>
        <input type="text" className="code" value={name} onChange={(e) => { setName(e.target.value); setProblem(undefined); }} aria-invalid={!!nameProblem} autoFocus />
      </label>
      {nameProblem && name !== '' && <p className="error-text">{nameProblem}</p>}
      {ports.ok ? (
        <section aria-labelledby="group-ports-title" className="field">
          <span id="group-ports-title">Ports, from the connections crossing the selection</span>
          <ul className="checklist" aria-label="Component ports">
            {ports.ports.inputs.map((p) => (
              <li key={`in-${p.port}`}>
                input {p.port} ({p.type}) ← {p.source}
              </li>
            ))}
            {ports.ports.outputs.map((p) => (
              <li key={`out-${p.port}`}>
                output {p.port} ({p.type}) ← {p.inner}
              </li>
            ))}
            {ports.ports.inputs.length + ports.ports.outputs.length === 0 && <li>none: nothing connects the selection to the rest</li>}
          </ul>
        </section>
      ) : (
        <p className="error-text">{ports.reason}</p>
      )}
      {params.length > 0 && (
        <fieldset className="param-fieldset field">
          <legend>Params to expose (the current value becomes the default)</legend>
          <div className="checklist">
            {params.map((p) => (
              <label key={paramKey(p)} title={shortValue(p.value)}>
                <input type="checkbox" checked={exposed.has(paramKey(p))} onChange={() => toggle(paramKey(p))} />
                {paramKey(p)} = {shortValue(p.value)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {problem && (
        <p role="alert" className="error-text">
          {problem}
        </p>
      )}
    </DialogForm>
  );
}

export function GroupComponentDialog() {
  const ids = useGroupDialogStore((s) => s.ids);
  if (!ids) return null;
  return (
    <Dialog title="Group into component" onClose={closeGroupDialog}>
      <GroupForm ids={ids} />
    </Dialog>
  );
}
