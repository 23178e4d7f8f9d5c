-- The movement ledger is append-only: a correction is a reversing movement, never an edit.
CREATE TRIGGER `movements_no_update` BEFORE UPDATE ON `movements`
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: record a reversing movement instead');
END;
--> statement-breakpoint
CREATE TRIGGER `movements_no_delete` BEFORE DELETE ON `movements`
BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: record a reversing movement instead');
END;
