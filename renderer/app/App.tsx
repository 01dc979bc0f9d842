// The app shell: toolbar on top, the views rail (Editor, Runs, Models, Datasets, Serving) beside the view shown,
// a status bar. The editor stays mounted while another view shows, so coming back to it is instant.
import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, type KeyboardEvent } from 'react';
import { APP_VIEWS, showView, useViewsStore, type AppView } from '../state/views.js';
import { DatasetsView } from '../views/datasets/DatasetsView.js';
import { ModelsView } from '../views/models/ModelsView.js';
import { RunsView } from '../views/runs/RunsView.js';
import '../views/views.css';
import { EditorView } from './EditorView.js';
import { ErrorNotices } from './Notices.js';
import { PipelineTabs } from './PipelineTabs.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar } from './Toolbar.js';
import { useShortcuts } from './useShortcuts.js';

const ServingView = lazy(() => import('../views/serving/ServingView.js').then((m) => ({ default: m.ServingView })));

const VIEW_NAMES: Record<AppView, string> = { editor: 'Editor', runs: 'Runs', models: 'Models', datasets: 'Datasets', serving: 'Serving' };
const VIEW_ICONS: Record<AppView, string> = { editor: '◇', runs: '≡', models: '◈', datasets: '▤', serving: '⇄' };

function ViewTabs() {
  const view = useViewsStore((s) => s.view);
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = APP_VIEWS[(APP_VIEWS.indexOf(view) + step + APP_VIEWS.length) % APP_VIEWS.length];
    showView(next);
    document.getElementById(`view-tab-${next}`)?.focus();
  };
  return (
    <nav className="view-rail" aria-label="Views">
      <div role="tablist" aria-label="Views" aria-orientation="vertical" onKeyDown={onKeyDown}>
        {APP_VIEWS.map((v) => (
          <button
            key={v}
            id={`view-tab-${v}`}
            type="button"
            role="tab"
            aria-selected={v === view}
            aria-controls={`view-${v}`}
            tabIndex={v === view ? 0 : -1}
            className={`view-tab${v === view ? ' is-active' : ''}`}
            onClick={() => showView(v)}
          >
            <span aria-hidden="true" className="view-icon">
              {VIEW_ICONS[v]}
            </span>
            {VIEW_NAMES[v]}
          </button>
        ))}
      </div>
    </nav>
  );
}

export function App() {
  useShortcuts();
  const view = useViewsStore((s) => s.view);
  return (
    <ReactFlowProvider>
      <div className="app-shell">
        <Toolbar />
        <div className="app-body">
          <ViewTabs />
          <div id="view-editor" role="tabpanel" aria-labelledby="view-tab-editor" className="editor-view" hidden={view !== 'editor'}>
            <PipelineTabs />
            <EditorView />
          </div>
          {view !== 'editor' && (
            <div id={`view-${view}`} role="tabpanel" aria-labelledby={`view-tab-${view}`} className="view-panel">
              {view === 'runs' && <RunsView />}
              {view === 'models' && <ModelsView />}
              {view === 'datasets' && <DatasetsView />}
              {view === 'serving' && (
                <Suspense fallback={<p className="muted">Loading…</p>}>
                  <ServingView />
                </Suspense>
              )}
            </div>
          )}
        </div>
        <StatusBar />
        <ErrorNotices />
      </div>
    </ReactFlowProvider>
  );
}
