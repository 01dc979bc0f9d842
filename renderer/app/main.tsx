// Entry point of the renderer bundle: the app, or a popped-out output alone when the address names one.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { readOutputRoute } from '../../shared/api/output-window.js';
import { connectApi } from '../api/client.js';
import { setApi } from '../state/api.js';
import { App } from './App.js';
import { PoppedOutput } from './PoppedOutput.js';
import { startSession } from './session.js';

const poppedOut = readOutputRoute(location.hash);
// A popped-out output only reads: no autosave, no project reload, so it can never write over the main window's edits.
if (poppedOut) setApi(connectApi());
else startSession(connectApi());
createRoot(document.getElementById('root')!).render(<StrictMode>{poppedOut ? <PoppedOutput route={poppedOut} /> : <App />}</StrictMode>);
