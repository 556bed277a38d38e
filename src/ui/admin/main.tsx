import '@atlaskit/css-reset';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

// Jira's look: the Atlassian Design System tokens, in the light theme (the page follows Jira's own later, issue 8 note).
void setGlobalTheme({ colorMode: 'light' });

const root = document.getElementById('root');
if (root !== null) createRoot(root).render(<StrictMode><App /></StrictMode>);
