// Entry point of the renderer bundle.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { connectApi } from '../api/client.js';
import { App } from './App.js';
import { startSession } from './session.js';

startSession(connectApi());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
