// The app shell: toolbar on top, the views rail (Start page, then Editor, Runs, Models, Datasets, Serving) beside
// the view shown, a status bar. The editor stays mounted while another view or the start page shows, so coming back
// to it is instant.
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
import { StartPage } from './StartPage.js';
import { hideStartPage, showStartPage, useStartPageShown } from './start-page.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar } from './Toolbar.js';
import { useShortcuts } from './useShortcuts.js';

const ServingView = lazy(() => import('../views/serving/ServingView.js').then((m) => ({ default: m.ServingView })));

const VIEW_NAMES: Record<AppView, string> = { editor: 'Editor', runs: 'Runs', models: 'Models', datasets: 'Datasets', serving: 'Serving' };
const VIEW_ICONS: Record<AppView, string> = { editor: '◇', runs: '≡', models: '◈', datasets: '▤', serving: '⇄' };

function ViewTabs() {
  const view = useViewsStore((s) => s.view);
  const startShown = useStartPageShown();
  // While the start page covers the editor, the Editor tab is not the one shown.
  const isShown = (v: AppView) => v === view && !(v === 'editor' && startShown);
  const openView = (v: AppView) => {
    if (v === 'editor') hideStartPage();
    showView(v);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = APP_VIEWS[(APP_VIEWS.indexOf(view) + step + APP_VIEWS.length) % APP_VIEWS.length];
    openView(next);
    document.getElementById(`view-tab-${next}`)?.focus();
  };
  return (
    <nav className="view-rail" aria-label="Views">
      <button
        type="button"
        className={`view-tab start-tab${startShown && view === 'editor' ? ' is-active' : ''}`}
        aria-pressed={startShown && view === 'editor'}
        onClick={() => {
          showStartPage();
          showView('editor');
        }}
        title="Recent projects, samples, new pipelines"
      >
        <span aria-hidden="true" className="view-icon">
          ⌂
        </span>
        Start page
      </button>
      <div role="tablist" aria-label="Views" aria-orientation="vertical" onKeyDown={onKeyDown}>
        {APP_VIEWS.map((v) => (
          <button
            key={v}
            id={`view-tab-${v}`}
            type="button"
            role="tab"
            aria-selected={isShown(v)}
            aria-controls={`view-${v}`}
            tabIndex={v === view ? 0 : -1}
            className={`view-tab${isShown(v) ? ' is-active' : ''}`}
            onClick={() => openView(v)}
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
  const startShown = useStartPageShown();
  return (
    <ReactFlowProvider>
      <div className="app-shell">
        <Toolbar />
        <div className="app-body">
          <ViewTabs />
          <div id="view-editor" role="tabpanel" aria-labelledby="view-tab-editor" className="editor-view" hidden={view !== 'editor' || startShown}>
            <PipelineTabs />
            <EditorView />
          </div>
          {view === 'editor' && startShown && (
            <div id="view-start" role="region" aria-label="Start page" className="view-panel start-panel">
              <StartPage />
            </div>
          )}
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
