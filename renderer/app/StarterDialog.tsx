// "New from CSV": pick a CSV in the project folder and a target column, get read → split → train → evaluate →
// explain ready to run. The columns come from `pipelines.schemas` (the file's header and types), nothing runs.
import { useEffect, useMemo, useState } from 'react';
import { TRAINER_NAMES, TRAINER_TASKS, trainers } from '../../shared/catalog/model/trainers.js';
import { getApi, errorMessage } from '../state/api.js';
import { starterPipeline, starterTask, type StarterTask } from '../state/document/starter.js';
import { createPipelineFrom } from '../state/project.js';
import { Dialog, DialogForm } from '../ui/Dialog.js';

type Columns = { status: 'idle' | 'loading' } | { status: 'ready'; columns: { name: string; type: string }[] } | { status: 'error'; error: string };

/** The CSV's columns, asked again when the path stops changing for a moment. */
function useCsvColumns(path: string): Columns {
  const [columns, setColumns] = useState<Columns>({ status: 'idle' });
  useEffect(() => {
    if (!path.trim()) return setColumns({ status: 'idle' });
    let live = true;
    const timer = setTimeout(() => {
      setColumns({ status: 'loading' });
      const document = { plumb: 1 as const, name: 'starter', nodes: [{ id: 'data', type: 'data.read_csv', params: { path: path.trim() } }] };
      getApi()
        .call('pipelines.schemas', { document, ref: 'data.table' })
        .then((r) => live && setColumns(r.columns ? { status: 'ready', columns: r.columns } : { status: 'error', error: r.problem ?? 'columns unknown' }))
        .catch((e: unknown) => live && setColumns({ status: 'error', error: errorMessage(e) }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path]);
  return columns;
}

export function StarterDialog({ taken, onClose }: { taken: string[]; onClose(): void }) {
  const [name, setName] = useState(() => {
    for (let i = 1; ; i++) if (!taken.includes(`model-${i}`)) return `model-${i}`;
  });
  const [path, setPath] = useState('datasets/');
  const [target, setTarget] = useState('');
  const [task, setTask] = useState<StarterTask>('classification');
  const [trainer, setTrainer] = useState<string>('gradient_boosting');
  const [busy, setBusy] = useState(false);
  const columns = useCsvColumns(path);
  const names = columns.status === 'ready' ? columns.columns : [];
  const offered = useMemo(() => TRAINER_NAMES.filter((t) => TRAINER_TASKS[t].includes(task)), [task]);

  const chooseTarget = (column: string) => {
    setTarget(column);
    const type = names.find((c) => c.name === column)?.type;
    if (type) {
      const next = starterTask(type);
      setTask(next);
      if (!TRAINER_TASKS[trainer as keyof typeof TRAINER_TASKS]?.includes(next)) setTrainer('gradient_boosting');
    }
  };
  const problem = !name.trim() ? 'Type a pipeline name.' : taken.includes(name.trim()) ? `There is already a pipeline ${name.trim()}.` : !target ? 'Choose the column to predict.' : undefined;
  const submit = async () => {
    if (problem) return;
    setBusy(true);
    const ok = await createPipelineFrom(starterPipeline({ name: name.trim(), path: path.trim(), target, task, trainer: `model.${trainer}` }));
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <Dialog title="New pipeline from a CSV" onClose={onClose}>
      <DialogForm submitLabel="Create pipeline" onSubmit={() => void submit()} onCancel={onClose} busy={busy || !!problem}>
        <label className="field">
          <span>Pipeline name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>CSV file (relative to the project folder)</span>
          <input type="text" value={path} onChange={(e) => setPath(e.target.value)} autoFocus aria-describedby="starter-columns" />
        </label>
        <p id="starter-columns" className="muted small" role="status">
          {columns.status === 'loading' ? 'Reading the header…' : columns.status === 'error' ? columns.error : columns.status === 'ready' ? `${names.length} columns` : 'Type the path of a CSV file.'}
        </p>
        <label className="field">
          <span>Column to predict</span>
          <select value={target} onChange={(e) => chooseTarget(e.target.value)} disabled={names.length === 0}>
            <option value="">(choose a column)</option>
            {names.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} · {c.type}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Task</span>
          <select value={task} onChange={(e) => setTask(e.target.value as StarterTask)}>
            <option value="classification">classification</option>
            <option value="regression">regression</option>
          </select>
        </label>
        <label className="field">
          <span>Model</span>
          <select value={offered.includes(trainer as never) ? trainer : 'gradient_boosting'} onChange={(e) => setTrainer(e.target.value)}>
            {offered.map((t) => (
              <option key={t} value={t}>
                {trainers[t].declaration.title}
              </option>
            ))}
          </select>
        </label>
        {problem && target !== '' && <p className="error-text">{problem}</p>}
      </DialogForm>
    </Dialog>
  );
}
