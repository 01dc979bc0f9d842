// Dev-only entry: the app on the in-memory mock API (not part of the build, which starts from ../index.html).
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import '../app/styles.css';
import { App } from '../app/App.js';
import { startSession } from '../app/session.js';
import { mockApi } from './mock-api.js';

startSession(mockApi());
createRoot(document.getElementById('root')!).render(<App />);
