import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/providers';
import { router } from './app/router';
import { applyTheme, readTheme } from './app/theme';
import { rememberOpenedAddress } from './lib/opened-address';
import './app/global.css';

// Before the router rewrites it to the state it shows (components/ignored-params-notice.tsx).
rememberOpenedAddress(window.location);

// Before the first paint, so a dark-theme user never sees a light flash.
applyTheme(readTheme());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
