// The Datasets view: every dataset (by source) with its versions (rows, content hash, size, format, what the
// project stores of it, the runs that read each) and each version's column profile; pick two versions to diff them.
import { useEffect, useState } from 'react';
import { diffPickedVersions, refreshDatasets, togglePickedVersion, useDatasetsStore, versionRef, type DatasetEntry } from '../../state/datasets.js';
import { showRunDetail } from '../../state/runs.js';
import { showView, useViewsStore } from '../../state/views.js';
import { formatStarted, shortRunId } from '../runs/run-columns.js';
import { DatasetDiff } from './DatasetDiff.js';

const formatBytes = (n: number): string => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

const formatStat = (v: number | string | undefined): string =>
  v === undefined ? '' : typeof v === 'string' ? v : Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(4)));

type VersionEntry = DatasetEntry['versions'][number];

/** The column profile of one version: type, missing, distinct, mean ± std, min and max of the whole content. */
function VersionProfile({ name, version }: { name: string; version: VersionEntry }) {
  return (
    <table className="data-table compact" aria-label={`Columns of ${versionRef(name, version.version)}`}>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Type</th>
          <th scope="col">Missing</th>
          <th scope="col">Distinct</th>
          <th scope="col">Mean</th>
          <th scope="col">Std</th>
          <th scope="col">Min</th>
          <th scope="col">Max</th>
        </tr>
      </thead>
      <tbody>
        {version.columns.map((c) => (
          <tr key={c.name}>
            <th scope="row">{c.name}</th>
            <td>{c.type}</td>
            <td className="num">{formatStat(c.missing)}</td>
            <td className="num">
              {c.distinctApproximate ? '≈' : ''}
              {formatStat(c.distinct)}
            </td>
            <td className="num">{formatStat(c.mean)}</td>
            <td className="num">{formatStat(c.std)}</td>
            <td className="num">{formatStat(c.min)}</td>
            <td className="num">{formatStat(c.max)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DatasetVersions({ dataset, focused }: { dataset: DatasetEntry; focused: boolean }) {
  const picked = useDatasetsStore((s) => s.picked);
  const [profiled, setProfiled] = useState<number | null>(null);
  const source = dataset.versions.find((v) => v.source)?.source;
  const shown = dataset.versions.find((v) => v.id === profiled);
  return (
    <section className={`dataset-card${focused ? ' is-focused' : ''}`} aria-label={`Dataset ${dataset.name}`} ref={(el) => void (focused && el?.scrollIntoView({ block: 'nearest' }))}>
      <h3>
        {dataset.name} {source && <span className="muted small">{source}</span>}
      </h3>
      <table className="data-table compact" aria-label={`Versions of ${dataset.name}`}>
        <thead>
          <tr>
            <th scope="col">Diff</th>
            <th scope="col">Version</th>
            <th scope="col">Rows</th>
            <th scope="col">Hash</th>
            <th scope="col">Columns</th>
            <th scope="col">Size</th>
            <th scope="col">Kept in project</th>
            <th scope="col">Format</th>
            <th scope="col">Stored (UTC)</th>
            <th scope="col">Read by runs</th>
          </tr>
        </thead>
        <tbody>
          {[...dataset.versions].reverse().map((v) => {
            const ref = versionRef(dataset.name, v.version);
            return (
              <tr key={v.id}>
                <td>
                  <input type="checkbox" checked={picked.includes(ref)} onChange={() => togglePickedVersion(ref)} aria-label={`Pick ${ref} to diff`} />
                </td>
                <th scope="row">v{v.version}</th>
                <td className="num">{v.rowCount === null ? '?' : v.rowCount.toLocaleString('en-US')}</td>
                <td>
                  <code title={v.hash}>{v.hash.slice(0, 12)}</code>
                </td>
                <td>
                  {v.columns.length > 0 ? (
                    <button type="button" className="link-button" aria-pressed={profiled === v.id} onClick={() => setProfiled(profiled === v.id ? null : v.id)} aria-label={`Column profile of ${ref}`}>
                      {v.columns.length} columns
                    </button>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num">{formatBytes(v.size)}</td>
                <td title={v.sampleRows === null ? undefined : `Above the project's blob cap: the whole content stays at ${v.source ?? 'its source'}; the project keeps its hash, column profile and this sample.`}>
                  {v.sampleRows === null ? 'whole' : `sample of ${v.sampleRows.toLocaleString('en-US')} rows`}
                </td>
                <td>{v.format}</td>
                <td>{formatStarted(v.createdAt)}</td>
                <td>
                  {v.runs.slice(0, 6).map((runId) => (
                    <button
                      key={runId}
                      type="button"
                      className="link-button run-link"
                      onClick={() => {
                        showView('runs');
                        void showRunDetail(runId);
                      }}
                      aria-label={`Open run ${shortRunId(runId)}`}
                    >
                      {shortRunId(runId)}
                    </button>
                  ))}
                  {v.runs.length > 6 && <span className="muted small"> and {v.runs.length - 6} more</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown && <VersionProfile name={dataset.name} version={shown} />}
    </section>
  );
}

export function DatasetsView() {
  const list = useDatasetsStore((s) => s.list);
  const picked = useDatasetsStore((s) => s.picked);
  const hasDiff = useDatasetsStore((s) => s.diff !== null);
  const focus = useViewsStore((s) => s.focusDataset);
  useEffect(() => {
    void refreshDatasets();
  }, []);
  return (
    <section className={`datasets-view${hasDiff ? ' has-panel' : ''}`} aria-label="Datasets view">
      <div className="view-bar" role="group" aria-label="Dataset actions">
        <span className="muted">{picked.length === 0 ? 'Pick two versions to diff them.' : `Picked: ${picked.join(', ')}`}</span>
        <button type="button" className="primary" disabled={picked.length !== 2} onClick={() => void diffPickedVersions()}>
          Diff versions
        </button>
        <button type="button" onClick={() => void refreshDatasets()}>
          Refresh
        </button>
      </div>
      <div className="datasets-list">
        {!list || list.status === 'loading' ? <p className="muted">Loading datasets…</p> : null}
        {list?.status === 'error' && <p className="error-text">{list.error}</p>}
        {list?.status === 'ready' && list.value.length === 0 && <p className="muted">No dataset versions yet: they are recorded when a run reads a file.</p>}
        {list?.status === 'ready' && list.value.map((d) => <DatasetVersions key={d.name} dataset={d} focused={d.name === focus} />)}
      </div>
      {hasDiff && (
        <div className="runs-panel">
          <DatasetDiff />
        </div>
      )}
    </section>
  );
}
