import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n/i18n';
import { prefetchApi } from './lib/query';
import { createQueryClient } from './lib/query-client';
import { ToastProvider } from './ui/toast';
import './styles.css';

const queryClient = createQueryClient();
// Every page renders behind the recovery and first-run gates: ask for their answers now.
prefetchApi(queryClient, 'backups.status', {});
prefetchApi(queryClient, 'setup.firstRunStatus', {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ToastProvider>
          <App />
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
