/**
 * Handlers for notes and documents: one line each, calling a service. `documents.open` exists
 * only in the desktop app, where the Electron shell replaces this handler (it opens a copy
 * with the system's default program); the browser renderer downloads instead.
 */
import type { DomainHandlers } from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';
import type { Services } from '../services';

export function createDocumentsHandlers(s: Services): DomainHandlers<'documents'> {
  return {
    'notes.list': (i) => s.notes.list(i),
    'notes.add': (i) => s.notes.add(i),
    'notes.update': (i) => s.notes.update(i),
    'notes.remove': (i) => s.notes.remove(i),
    'documents.list': (i) => s.documents.list(i),
    'documents.upload': (i) => s.documents.upload(i),
    'documents.download': (i) => s.documents.download(i),
    'documents.open': () => {
      throw new AppError(
        'FORBIDDEN',
        'Å åpne et dokument med standardprogrammet finnes bare i skrivebordsprogrammet. Last det ned i stedet.',
      );
    },
    'documents.remove': (i) => s.documents.remove(i),
  };
}
