/**
 * The note timeline of a grant or a funder: dated calls, e-mails, meetings and decisions,
 * newest date first. Every change is logged.
 */
import { desc, eq } from 'drizzle-orm';
import { recordNotes } from '../../db/schema';
import type { Note, ParsedInput } from '../../src-shared/api/contract';
import { notFound } from '../../src-shared/api/errors';
import { recordChange, type ServiceContext } from '../platform/context';
import { insertRecorded } from '../platform/records';
import { assertOwner, ownerWhere } from './owner';

type NoteRecord = typeof recordNotes.$inferSelect;

function toNote(r: NoteRecord): Note {
  return {
    id: r.id,
    grantId: r.grantId,
    funderId: r.funderId,
    date: r.noteDate,
    kind: r.kind,
    text: r.body,
    createdAtMs: r.createdAtMs,
    updatedAtMs: r.updatedAtMs,
  };
}

export function createNotesService(ctx: ServiceContext) {
  const { db } = ctx;

  function record(id: number): NoteRecord {
    const found = db.select().from(recordNotes).where(eq(recordNotes.id, id)).get();
    if (!found) throw notFound('Fant ikke notatet.');
    return found;
  }

  return {
    list(input: ParsedInput<'notes.list'>): Note[] {
      assertOwner(ctx, input);
      return db
        .select()
        .from(recordNotes)
        .where(ownerWhere(recordNotes, input))
        .orderBy(desc(recordNotes.noteDate), desc(recordNotes.id))
        .all()
        .map(toNote);
    },

    add(input: ParsedInput<'notes.add'>): Note {
      return db.transaction(() => {
        assertOwner(ctx, input);
        const now = ctx.clock.nowMs();
        const saved = insertRecorded(
          ctx,
          recordNotes,
          {
            grantId: input.grantId,
            funderId: input.funderId,
            noteDate: input.date,
            kind: input.kind,
            body: input.text,
            createdAtMs: now,
            updatedAtMs: now,
          },
          { entity: 'note', view: toNote },
        );
        return toNote(saved);
      });
    },

    update(input: ParsedInput<'notes.update'>): Note {
      return db.transaction(() => {
        const before = toNote(record(input.id));
        const saved = db
          .update(recordNotes)
          .set({
            noteDate: input.date,
            kind: input.kind,
            body: input.text,
            updatedAtMs: ctx.clock.nowMs(),
          })
          .where(eq(recordNotes.id, input.id))
          .returning()
          .get();
        const after = toNote(saved);
        recordChange(ctx, { entity: 'note', entityId: input.id, action: 'update', before, after });
        return after;
      });
    },

    remove(input: ParsedInput<'notes.remove'>): { removed: boolean } {
      return db.transaction(() => {
        const before = toNote(record(input.id));
        db.delete(recordNotes).where(eq(recordNotes.id, input.id)).run();
        recordChange(ctx, { entity: 'note', entityId: input.id, action: 'delete', before });
        return { removed: true };
      });
    },
  };
}
