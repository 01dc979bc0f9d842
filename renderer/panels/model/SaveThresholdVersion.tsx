// "Save as new version" of the threshold panel: registers the model the selected evaluation node reads (from the
// run that produced it) as the next version of a registered model, with the chosen threshold as decision_threshold.
import { useMemo, useState } from 'react';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import { errorMessage, getApi } from '../../state/api.js';
import { useGraphStore } from '../../state/graph.js';
import { refreshModels } from '../../state/models.js';
import { useRunStore } from '../../state/run.js';
import { selectSingleNode, useSelectionStore } from '../../state/selection.js';
import { whatIfSources } from '../what-if/what-if-data.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

export function SaveThresholdVersion({ threshold }: { threshold: number }) {
  const node = useSelectionStore(selectSingleNode);
  const doc = useGraphStore((s) => s.doc);
  const pipeline = useGraphStore((s) => s.pipeline);
  const model = useMemo(() => (node ? whatIfSources(doc, node, (t) => nodeCatalog.get(t)).model : null), [doc, node]);
  const runId = useRunStore((s) => (model ? s.view.outputRun[model.node] : undefined));
  const [name, setName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  if (!model || !runId) return null;
  const modelName = name ?? `${pipeline ?? 'model'}-${model.node}`.replace(/[^A-Za-z0-9_.-]/g, '-');
  const problem = threshold > 1 ? 'Pick a threshold within [0, 1] to save it.' : !NAME.test(modelName) ? 'Name the model with letters, digits, ".", "_" or "-".' : null;
  const save = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const { version } = await getApi().call('models.register', { runId, node: model.node, name: modelName, decisionThreshold: threshold, note: `decision threshold ${threshold} from the threshold and cost panel` });
      setStatus({ ok: true, text: `Saved ${version.name} version ${version.version} with decision threshold ${Number(threshold.toFixed(6))}.` });
      void refreshModels();
    } catch (e) {
      setStatus({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="small" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
      <label>
        Model name{' '}
        <input type="text" aria-label="Model name for the new version" value={modelName} onChange={(e) => setName(e.target.value)} style={{ width: 160 }} />
      </label>
      <button type="button" onClick={() => void save()} disabled={busy || problem !== null} title={problem ?? `Register ${model.node}'s model with this decision threshold`}>
        Save as new version
      </button>
      {problem && <span className="muted">{problem}</span>}
      {status && (
        <span role={status.ok ? 'status' : 'alert'} className={status.ok ? undefined : 'error-text'}>
          {status.text}
        </span>
      )}
    </div>
  );
}
