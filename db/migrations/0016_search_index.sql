-- Global search (Ctrl+K): one FTS5 index over the records a user looks for — organisations
-- (member centres, funders, partners), projects and measures, grants and allocation rounds —
-- kept in step by triggers, so it is right for any program that writes the file.
--
-- Generic by design: a row is (entity, entity_id, title, title_key, body_key). `title` is what
-- the result list shows (not indexed); `title_key` and `body_key` are the searchable text,
-- FOLDED: the unicode61 tokenizer with remove_diacritics 2 folds case and accents (é→e, å→a,
-- ä→a), but ø and æ are letters of their own in Unicode, not accented letters, so it keeps
-- them. The index therefore stores ø/Ø→o and æ/Æ→ae, and the search service folds the query
-- the same way (src-shared/search/fold.ts): «tromso» and «tromsø» both find «Tromsø», «saer»
-- and «sær» both find «Særtilskudd». Prefix search is the query's `*` (the service adds it).
--
-- rowid = entity_id * 8 + a code per entity (1 organisation, 2 project, 3 grant, 4 round;
-- 5–7 free, e.g. for notes), so each trigger finds its row by rowid, not by a scan.
--
-- Only AFTER triggers that write search_index: the BEFORE triggers of 0003/0006/0009 (append-
-- only ledger, year locks, insert-key guards) run first, and when they refuse a change the
-- whole statement, these writes included, is rolled back.
CREATE VIRTUAL TABLE `search_index` USING fts5(
  entity UNINDEXED,
  entity_id UNINDEXED,
  title UNINDEXED,
  title_key,
  body_key,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT o.id * 8 + 1, 'organisation', o.id, o.name, replace(replace(replace(replace(o.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(o.org_number, '') || ' ' || coalesce(o.website, '') || ' ' || coalesce(o.notes, '') || ' ' || coalesce((SELECT m.daily_leader FROM member_centres m WHERE m.organisation_id = o.id), '') || ' ' || coalesce((SELECT m.contact_email FROM member_centres m WHERE m.organisation_id = o.id), ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `organisations` o;
--> statement-breakpoint
CREATE TRIGGER `organisations_search_insert` AFTER INSERT ON `organisations`
BEGIN
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT o.id * 8 + 1, 'organisation', o.id, o.name, replace(replace(replace(replace(o.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(o.org_number, '') || ' ' || coalesce(o.website, '') || ' ' || coalesce(o.notes, '') || ' ' || coalesce((SELECT m.daily_leader FROM member_centres m WHERE m.organisation_id = o.id), '') || ' ' || coalesce((SELECT m.contact_email FROM member_centres m WHERE m.organisation_id = o.id), ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `organisations` o WHERE o.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_search_update` AFTER UPDATE OF `name`, `org_number`, `website`, `notes` ON `organisations`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 1;
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT o.id * 8 + 1, 'organisation', o.id, o.name, replace(replace(replace(replace(o.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(o.org_number, '') || ' ' || coalesce(o.website, '') || ' ' || coalesce(o.notes, '') || ' ' || coalesce((SELECT m.daily_leader FROM member_centres m WHERE m.organisation_id = o.id), '') || ' ' || coalesce((SELECT m.contact_email FROM member_centres m WHERE m.organisation_id = o.id), ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `organisations` o WHERE o.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_search_delete` AFTER DELETE ON `organisations`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 1;
END;
--> statement-breakpoint
INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT p.id * 8 + 2, 'project', p.id, p.name, replace(replace(replace(replace(p.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(p.project_number, '') || ' ' || coalesce(p.description, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `projects` p;
--> statement-breakpoint
CREATE TRIGGER `projects_search_insert` AFTER INSERT ON `projects`
BEGIN
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT p.id * 8 + 2, 'project', p.id, p.name, replace(replace(replace(replace(p.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(p.project_number, '') || ' ' || coalesce(p.description, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `projects` p WHERE p.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `projects_search_update` AFTER UPDATE OF `name`, `project_number`, `description` ON `projects`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 2;
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT p.id * 8 + 2, 'project', p.id, p.name, replace(replace(replace(replace(p.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(p.project_number, '') || ' ' || coalesce(p.description, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `projects` p WHERE p.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `projects_search_delete` AFTER DELETE ON `projects`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 2;
END;
--> statement-breakpoint
INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT g.id * 8 + 3, 'grant', g.id, g.title, replace(replace(replace(replace(g.title, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(g.scheme_name, '') || ' ' || coalesce(g.reference, '') || ' ' || coalesce(CAST(g.edition_year AS TEXT), '') || ' ' || coalesce(g.notes, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `grants` g;
--> statement-breakpoint
CREATE TRIGGER `grants_search_insert` AFTER INSERT ON `grants`
BEGIN
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT g.id * 8 + 3, 'grant', g.id, g.title, replace(replace(replace(replace(g.title, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(g.scheme_name, '') || ' ' || coalesce(g.reference, '') || ' ' || coalesce(CAST(g.edition_year AS TEXT), '') || ' ' || coalesce(g.notes, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `grants` g WHERE g.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `grants_search_update` AFTER UPDATE OF `title`, `scheme_name`, `reference`, `edition_year`, `notes` ON `grants`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 3;
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT g.id * 8 + 3, 'grant', g.id, g.title, replace(replace(replace(replace(g.title, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(g.scheme_name, '') || ' ' || coalesce(g.reference, '') || ' ' || coalesce(CAST(g.edition_year AS TEXT), '') || ' ' || coalesce(g.notes, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `grants` g WHERE g.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `grants_search_delete` AFTER DELETE ON `grants`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 3;
END;
--> statement-breakpoint
INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT r.id * 8 + 4, 'round', r.id, r.name, replace(replace(replace(replace(r.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(r.notes, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `allocation_rounds` r;
--> statement-breakpoint
CREATE TRIGGER `allocation_rounds_search_insert` AFTER INSERT ON `allocation_rounds`
BEGIN
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT r.id * 8 + 4, 'round', r.id, r.name, replace(replace(replace(replace(r.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(r.notes, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `allocation_rounds` r WHERE r.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `allocation_rounds_search_update` AFTER UPDATE OF `name`, `notes` ON `allocation_rounds`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 4;
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT r.id * 8 + 4, 'round', r.id, r.name, replace(replace(replace(replace(r.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(r.notes, ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `allocation_rounds` r WHERE r.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `allocation_rounds_search_delete` AFTER DELETE ON `allocation_rounds`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 4;
END;
--> statement-breakpoint
CREATE TRIGGER `member_centres_search_insert` AFTER INSERT ON `member_centres`
BEGIN
  DELETE FROM `search_index` WHERE rowid = NEW.organisation_id * 8 + 1;
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT o.id * 8 + 1, 'organisation', o.id, o.name, replace(replace(replace(replace(o.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(o.org_number, '') || ' ' || coalesce(o.website, '') || ' ' || coalesce(o.notes, '') || ' ' || coalesce((SELECT m.daily_leader FROM member_centres m WHERE m.organisation_id = o.id), '') || ' ' || coalesce((SELECT m.contact_email FROM member_centres m WHERE m.organisation_id = o.id), ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `organisations` o WHERE o.id = NEW.organisation_id;
END;
--> statement-breakpoint
CREATE TRIGGER `member_centres_search_update` AFTER UPDATE OF `daily_leader`, `contact_email` ON `member_centres`
BEGIN
  DELETE FROM `search_index` WHERE rowid IN (OLD.organisation_id * 8 + 1, NEW.organisation_id * 8 + 1);
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT o.id * 8 + 1, 'organisation', o.id, o.name, replace(replace(replace(replace(o.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(o.org_number, '') || ' ' || coalesce(o.website, '') || ' ' || coalesce(o.notes, '') || ' ' || coalesce((SELECT m.daily_leader FROM member_centres m WHERE m.organisation_id = o.id), '') || ' ' || coalesce((SELECT m.contact_email FROM member_centres m WHERE m.organisation_id = o.id), ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `organisations` o WHERE o.id = NEW.organisation_id;
END;
--> statement-breakpoint
CREATE TRIGGER `member_centres_search_delete` AFTER DELETE ON `member_centres`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.organisation_id * 8 + 1;
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT o.id * 8 + 1, 'organisation', o.id, o.name, replace(replace(replace(replace(o.name, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae'),
         replace(replace(replace(replace(coalesce(o.org_number, '') || ' ' || coalesce(o.website, '') || ' ' || coalesce(o.notes, '') || ' ' || coalesce((SELECT m.daily_leader FROM member_centres m WHERE m.organisation_id = o.id), '') || ' ' || coalesce((SELECT m.contact_email FROM member_centres m WHERE m.organisation_id = o.id), ''), 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `organisations` o WHERE o.id = OLD.organisation_id;
END;
