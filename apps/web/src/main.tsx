import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/tokens.css';
import './styles/app.css';
import { App } from './App';
import { pathToHashRoute } from './deep-link';

const deepLink = pathToHashRoute(window.location.pathname, window.location.search, window.location.hash);
if (deepLink !== null) window.history.replaceState(null, '', deepLink);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
