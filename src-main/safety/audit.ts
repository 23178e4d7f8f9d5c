/**
 * The change log (Endringslogg) read side: list by record or period with paging, and an xlsx
 * export for the auditor. The log itself is written by `recordChange` in the services'
 * transactions and is append-only (triggers refuse UPDATE and DELETE).
 */
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { excel } from '../platform/exceljs';
import { auditLog } from '../../db/schema';
import type { AuditEntry, FileContent, ParsedInput } from '../../src-shared/api/contract';
import {
  AUDIT_ACTION_LABELS,
  auditEntityLabel,
  auditRecordName,
  describeChanges,
  summariseChanges,
  type AuditAction,
} from '../../src-shared/safety/audit';
import { AppError } from '../../src-shared/api/errors';
import type { ServiceContext } from '../platform/context';
import { neutralise } from '../platform/xlsx';
import { auditNames, namesFor } from './audit-names';

interface Filter {
  entity: string | null;
  entityId: number | null;
  fromDate: string | null;
  toDate: string | null;
}

/** Local midnight at the start of an ISO calendar date, `days` later. */
function startOfDayMs(iso: string, days = 0): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).getTime();
}

function conditions(f: Filter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.entity !== null) parts.push(eq(auditLog.entity, f.entity));
  if (f.entityId !== null) parts.push(eq(auditLog.entityId, f.entityId));
  if (f.fromDate !== null) parts.push(gte(auditLog.atMs, startOfDayMs(f.fromDate)));
  // The whole last day is included.
  if (f.toDate !== null) parts.push(lt(auditLog.atMs, startOfDayMs(f.toDate, 1)));
  return parts.length > 0 ? and(...parts) : undefined;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Written by this app, so this should not happen; show the raw text rather than nothing.
    return text;
  }
}

type Row = typeof auditLog.$inferSelect;

/** Text for a cell, neutralised against formula injection; nothing stays an empty cell. */
function safeText(value: string | null): string | null {
  return value === null ? null : neutralise(value);
}

type Parsed = Omit<AuditEntry, 'names'>;

function parseRow(r: Row): Parsed {
  return {
    id: r.id,
    atMs: r.atMs,
    actor: r.actor,
    entity: r.entity,
    entityId: r.entityId,
    action: r.action,
    before: parseJson(r.beforeJson),
    after: parseJson(r.afterJson),
    reason: r.reason,
  };
}

/** The rows as entries, with the names of everything they refer to (one query for all). */
function toEntries(sqlite: ServiceContext['sqlite'], rows: readonly Row[]): AuditEntry[] {
  const parsed = rows.map(parseRow);
  const names = auditNames(sqlite, parsed);
  return parsed.map((e) => ({ ...e, names: namesFor(e, names) }));
}

/** The instant as an Excel date showing local wall-clock time (Excel dates have no zone). */
function excelLocalDate(ms: number): Date {
  const d = new Date(ms);
  return new Date(
    Date.UTC(
      d.getFullYear(),
      d.getMonth(),
      d.getDate(),
      d.getHours(),
      d.getMinutes(),
      d.getSeconds(),
    ),
  );
}

export const AUDIT_SHEET_NAME = 'Endringslogg';

/** Excel's spelling of the log's date-time format, `02.12.2026 kl. 02:17`. */
export const AUDIT_TIME_FORMAT = 'dd.mm.yyyy "kl." hh:mm';

export const AUDIT_COLUMNS = [
  { header: 'Tidspunkt', key: 'at', width: 20 },
  { header: 'Bruker', key: 'actor', width: 18 },
  { header: 'Type post', key: 'entity', width: 20 },
  { header: 'Post-id', key: 'entityId', width: 9 },
  { header: 'Post', key: 'record', width: 30 },
  { header: 'Handling', key: 'action', width: 11 },
  { header: 'Begrunnelse', key: 'reason', width: 30 },
  { header: 'Endringer', key: 'changes', width: 60 },
  { header: 'Før (JSON)', key: 'before', width: 40 },
  { header: 'Etter (JSON)', key: 'after', width: 40 },
  { header: 'Logg-id', key: 'id', width: 9 },
] as const;

export function createAuditService(ctx: ServiceContext) {
  const { db } = ctx;

  return {
    /** Entries newest first, with the total for paging. */
    list(input: ParsedInput<'audit.list'>) {
      const where = conditions(input);
      const rows = db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.atMs), desc(auditLog.id))
        .limit(input.limit)
        .offset(input.offset)
        .all();
      const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
      return { rows: toEntries(ctx.sqlite, rows), total, limit: input.limit, offset: input.offset };
    },

    /** The period's entries, oldest first, as an xlsx workbook (one sheet "Endringslogg"). */
    async exportXlsx(input: ParsedInput<'audit.exportXlsx'>): Promise<FileContent> {
      const rows = db
        .select()
        .from(auditLog)
        .where(conditions(input))
        .orderBy(auditLog.atMs, auditLog.id)
        .all();

      const workbook = new (excel().Workbook)();
      workbook.creator = 'Tilskuddsoversikt';
      workbook.created = new Date(ctx.clock.nowMs());
      const sheet = workbook.addWorksheet(AUDIT_SHEET_NAME, {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      sheet.columns = AUDIT_COLUMNS.map((c) => ({ ...c }));
      sheet.getRow(1).font = { bold: true };
      // The log's one date-time format, `02.12.2026 kl. 02:17` (formatDateTime).
      sheet.getColumn('at').numFmt = AUDIT_TIME_FORMAT;

      const entries = toEntries(ctx.sqlite, rows);
      rows.forEach((r, i) => {
        const entry = entries[i]!;
        const changes = summariseChanges(describeChanges(entry));
        sheet.addRow({
          at: excelLocalDate(r.atMs),
          actor: safeText(r.actor),
          entity: safeText(auditEntityLabel(r.entity)),
          entityId: r.entityId,
          record: safeText(auditRecordName(entry)),
          action: AUDIT_ACTION_LABELS[r.action as AuditAction] ?? r.action,
          reason: safeText(r.reason),
          changes: safeText(changes),
          before: safeText(r.beforeJson),
          after: safeText(r.afterJson),
          id: r.id,
        });
      });
      sheet.autoFilter = {
        from: { row: 1, column: 1 },
        to: { row: 1, column: AUDIT_COLUMNS.length },
      };

      const buffer = await workbook.xlsx.writeBuffer();
      const scope = input.entity
        ? `_${input.entity}${input.entityId !== null ? `-${input.entityId}` : ''}`
        : '';
      return {
        fileName: `endringslogg_${input.fromDate}_${input.toDate}${scope}.xlsx`,
        contentBase64: Buffer.from(buffer).toString('base64'),
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

/** For the recovery mode, where there is no database to read. */
export function unavailableAudit(message: string): AuditService {
  const fail = (): never => {
    throw new AppError('CONFLICT', message);
  };
  return { list: fail, exportXlsx: fail };
}
