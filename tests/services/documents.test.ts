/**
 * Notes and documents on grants and funders, on a real SQLite file through the real dispatch:
 * the note timeline's order, documents stored with their SHA-256 and deduplicated, refused
 * when too large or badly named (a Norwegian BAD_INPUT naming the field), deletion logged,
 * and the documents carried by a backup and brought back byte-identical by a restore.
 */
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../src-shared/documents/rules';
import { auditRows, countRows, dumpDatabase, makeDispatch, type TestApi } from '../helpers/db';
import { grantInput, registerFunder, registerProject } from '../helpers/grants';

let api: TestApi;
let grantId: number;
let funderId: number;

beforeEach(async () => {
  api = makeDispatch();
  const funder = await registerFunder(api, 'gjensidige');
  const project = await registerProject(api, 'sommeraksjonen');
  funderId = funder.id;
  const grant = await api.call(
    'grants.create',
    grantInput(project.id, funder.id, 'Sommeraksjonen 2025', { editionYear: 2025 }),
  );
  grantId = grant.id;
});
afterEach(() => api.cleanup());

/** Bytes that look like a small PDF, different per seed. */
function pdfBytes(seed: string, size = 4096): Buffer {
  const bytes = crypto.createHash('sha512').update(seed).digest();
  const out = Buffer.alloc(size);
  out.write('%PDF-1.7\n');
  for (let i = 9; i < size; i++) out[i] = bytes[i % bytes.length] ?? 0;
  return out;
}
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('notes', () => {
  it('keeps a dated timeline, newest date first, on a grant and on a funder', async () => {
    const add = (date: string, kind: 'call' | 'email' | 'meeting' | 'decision', text: string) =>
      api.call('notes.add', { grantId, date, kind, text });
    await add('2025-03-01', 'email', 'Søknad sendt.');
    await add('2025-05-20', 'decision', 'Innvilget etter styremøtet.');
    await add('2025-04-02', 'call', 'Saksbehandler ringte om budsjettet.');
    await add('2025-04-02', 'meeting', 'Møte om rapportering.');
    await api.call('notes.add', { funderId, date: '2025-01-10', kind: 'other', text: 'Ny frist.' });

    const timeline = await api.call('notes.list', { grantId });
    expect(timeline.map((n) => [n.date, n.kind])).toEqual([
      ['2025-05-20', 'decision'],
      ['2025-04-02', 'meeting'],
      ['2025-04-02', 'call'],
      ['2025-03-01', 'email'],
    ]);
    expect((await api.call('notes.list', { funderId })).map((n) => n.text)).toEqual(['Ny frist.']);

    const [first] = timeline;
    if (!first) throw new Error('no note');
    await api.call('notes.update', {
      id: first.id,
      date: '2025-02-01',
      kind: 'decision',
      text: 'Vedtak mottatt.',
    });
    expect((await api.call('notes.list', { grantId })).at(-1)?.text).toBe('Vedtak mottatt.');
    await api.call('notes.remove', { id: first.id });
    expect(await api.call('notes.list', { grantId })).toHaveLength(3);
    expect(
      auditRows(api.sqlite)
        .filter((r) => r.entity === 'note')
        .map((r) => r.action),
    ).toEqual(['create', 'create', 'create', 'create', 'create', 'update', 'delete']);
  });

  it('needs exactly one of grant and funder, and an existing one', async () => {
    const both = await api.fail('notes.add', {
      grantId,
      funderId,
      date: '2025-01-01',
      kind: 'call',
      text: 'x',
    });
    expect(both.code).toBe('BAD_INPUT');
    expect(both.message).toContain('Tilskudd');
    const none = await api.fail('notes.list', {});
    expect(none.code).toBe('BAD_INPUT');
    expect((await api.fail('notes.list', { grantId: 9999 })).code).toBe('NOT_FOUND');
    const kind = await api.fail('notes.add', { grantId, date: '2025-01-01', kind: 'x', text: 'y' });
    expect(kind.message).toContain('Type');
  });
});

describe('documents', () => {
  it('stores a document with its SHA-256, lists it and downloads it byte-identical', async () => {
    const letter = pdfBytes('tilsagnsbrev');
    const saved = await api.call('documents.upload', {
      grantId,
      fileName: 'Tilsagnsbrev Sommeraksjonen 2025.pdf',
      contentBase64: letter.toString('base64'),
      description: 'Tilsagn fra Gjensidigestiftelsen',
    });
    expect(saved).toMatchObject({
      grantId,
      funderId: null,
      sizeBytes: letter.length,
      sha256: sha(letter),
      deduplicated: false,
      uploadedBy: 'administrasjonsleder',
    });
    const stored = api.sqlite.prepare('select sha256, bytes from document_blobs').get() as {
      sha256: string;
      bytes: Buffer;
    };
    expect(sha(stored.bytes)).toBe(stored.sha256);

    const list = await api.call('documents.list', { grantId });
    expect(list.map((d) => d.fileName)).toEqual(['Tilsagnsbrev Sommeraksjonen 2025.pdf']);
    const file = await api.call('documents.download', { id: saved.id });
    expect(file.fileName).toBe('Tilsagnsbrev Sommeraksjonen 2025.pdf');
    expect(Buffer.from(file.contentBase64, 'base64').equals(letter)).toBe(true);
  });

  it('stores the same content once, and refuses it twice on the same record', async () => {
    const contract = pdfBytes('kontrakt').toString('base64');
    const a = await api.call('documents.upload', {
      grantId,
      fileName: 'kontrakt.pdf',
      contentBase64: contract,
    });
    const b = await api.call('documents.upload', {
      funderId,
      fileName: 'kontrakt-kopi.pdf',
      contentBase64: contract,
    });
    expect(a.deduplicated).toBe(false);
    expect(b.deduplicated).toBe(true);
    expect(b.sha256).toBe(a.sha256);
    expect(countRows(api.sqlite, 'document_blobs')).toBe(1);
    expect(countRows(api.sqlite, 'documents')).toBe(2);
    const twice = await api.fail('documents.upload', {
      grantId,
      fileName: 'igjen.pdf',
      contentBase64: contract,
    });
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toContain('kontrakt.pdf');

    // Removing one keeps the bytes for the other; removing both frees them.
    await api.call('documents.remove', { id: a.id, reason: 'Feil tilskudd' });
    expect(countRows(api.sqlite, 'document_blobs')).toBe(1);
    const copy = await api.call('documents.download', { id: b.id });
    expect(copy.contentBase64).toBe(contract);
    await api.call('documents.remove', { id: b.id });
    expect(countRows(api.sqlite, 'document_blobs')).toBe(0);
  });

  it('logs a deletion with what was deleted and why', async () => {
    const saved = await api.call('documents.upload', {
      grantId,
      fileName: 'rapport.docx',
      contentBase64: pdfBytes('rapport').toString('base64'),
    });
    await api.call('documents.remove', { id: saved.id, reason: 'Lastet opp ved en feil' });
    const deleted = auditRows(api.sqlite).filter(
      (r) => r.entity === 'document' && r.action === 'delete',
    );
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.entity_id).toBe(saved.id);
    expect(deleted[0]?.reason).toBe('Lastet opp ved en feil');
    expect(JSON.parse(deleted[0]?.before_json ?? '{}')).toMatchObject({
      fileName: 'rapport.docx',
      sha256: saved.sha256,
    });
    expect((await api.fail('documents.download', { id: saved.id })).code).toBe('NOT_FOUND');
  });

  it('refuses a file over the limit and hostile file names with a Norwegian BAD_INPUT naming the field', async () => {
    const before = dumpDatabase(api.sqlite);
    const tooBig = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 7).toString('base64');
    const big = await api.fail('documents.upload', {
      grantId,
      fileName: 'stor.pdf',
      contentBase64: tooBig,
    });
    expect(big.code).toBe('BAD_INPUT');
    expect(big.message).toMatch(/Filen er for stor.*10 MB/);
    expect(big.issues?.[0]?.path).toBe('contentBase64');
    // Exactly at the limit is accepted.
    const atLimit = await api.call('documents.upload', {
      grantId,
      fileName: 'akkurat.pdf',
      contentBase64: Buffer.alloc(MAX_DOCUMENT_BYTES, 7).toString('base64'),
    });
    expect(atLimit.sizeBytes).toBe(MAX_DOCUMENT_BYTES);
    await api.call('documents.remove', { id: atLimit.id });

    const afterRemove = dumpDatabase(api.sqlite);
    const hostile = [
      '../x',
      '..\\x.pdf',
      'a/b.pdf',
      'brev\u0000.pdf',
      'brev\u0007.pdf',
      'CON',
      'aux.txt',
      'Lpt1.doc',
      'COM9',
      'nul.tar.gz',
      'name.',
      'name ',
      '..',
      'a:b.pdf',
      '',
    ];
    const content = pdfBytes('x').toString('base64');
    for (const fileName of hostile) {
      const error = await api.fail('documents.upload', {
        grantId,
        fileName,
        contentBase64: content,
      });
      expect(error.code, JSON.stringify(fileName)).toBe('BAD_INPUT');
      expect(error.message, JSON.stringify(fileName)).toMatch(/Filnavn/);
      expect(error.issues?.[0]?.path).toBe('fileName');
    }
    expect(dumpDatabase(api.sqlite).documents).toEqual(afterRemove.documents);
    expect(dumpDatabase(api.sqlite).document_blobs).toEqual(before.document_blobs);
    // Ordinary names with Norwegian letters, spaces and dots inside are fine.
    for (const fileName of ['Søknad Juleaksjonen 2025 v.2.pdf', 'console.log', 'AUXILIARY.txt']) {
      const ok = await api.call('documents.upload', {
        grantId,
        fileName,
        contentBase64: pdfBytes(fileName).toString('base64'),
      });
      expect(ok.fileName).toBe(fileName);
    }
  });

  it('travels with a backup: a restore brings the documents back byte-identical', async () => {
    const letter = pdfBytes('tilsagn', 300_000);
    const report = pdfBytes('rapport', 5_000);
    const a = await api.call('documents.upload', {
      grantId,
      fileName: 'tilsagn.pdf',
      contentBase64: letter.toString('base64'),
    });
    const b = await api.call('documents.upload', {
      funderId,
      fileName: 'rapport.pdf',
      contentBase64: report.toString('base64'),
    });
    await api.call('notes.add', {
      grantId,
      date: '2025-05-02',
      kind: 'decision',
      text: 'Tilsagn.',
    });
    const backup = await api.call('backups.create', {});

    // After the backup both are deleted (and the note), then the backup is restored.
    await api.call('documents.remove', { id: a.id });
    await api.call('documents.remove', { id: b.id });
    expect(countRows(api.core.database.sqlite, 'document_blobs')).toBe(0);
    await api.call('backups.restore', { fileName: backup.fileName, confirmed: true });

    const restoredA = await api.call('documents.download', { id: a.id });
    const restoredB = await api.call('documents.download', { id: b.id });
    expect(Buffer.from(restoredA.contentBase64, 'base64').equals(letter)).toBe(true);
    expect(Buffer.from(restoredB.contentBase64, 'base64').equals(report)).toBe(true);
    expect((await api.call('documents.list', { grantId })).map((d) => d.sha256)).toEqual([
      sha(letter),
    ]);
    expect((await api.call('notes.list', { grantId })).map((n) => n.text)).toEqual(['Tilsagn.']);
  });
});
