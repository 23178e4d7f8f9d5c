-- Global search (Ctrl+K) over notes too: the dated notes on grants and funders
-- (`record_notes`) join `search_index` (see the search_index migration for the design),
-- kept in step by AFTER triggers like the other entities.
--
-- rowid = note id * 8 + 5. `title` stores the note's text (the search service shows the
-- owner's current name as the title and a snippet of the text, so a renamed grant or funder
-- needs no index write here); `title_key` is empty, so a note never outranks the record it
-- belongs to on that record's name; `body_key` is the text folded as elsewhere (ø→o, æ→ae;
-- the tokenizer folds case, accents and å).
INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT n.id * 8 + 5, 'note', n.id, n.body, '',
         replace(replace(replace(replace(n.body, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `record_notes` n;
--> statement-breakpoint
CREATE TRIGGER `record_notes_search_insert` AFTER INSERT ON `record_notes`
BEGIN
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT n.id * 8 + 5, 'note', n.id, n.body, '',
         replace(replace(replace(replace(n.body, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `record_notes` n WHERE n.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `record_notes_search_update` AFTER UPDATE OF `body` ON `record_notes`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 5;
  INSERT INTO `search_index` (rowid, entity, entity_id, title, title_key, body_key)
  SELECT n.id * 8 + 5, 'note', n.id, n.body, '',
         replace(replace(replace(replace(n.body, 'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae')
  FROM `record_notes` n WHERE n.id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `record_notes_search_delete` AFTER DELETE ON `record_notes`
BEGIN
  DELETE FROM `search_index` WHERE rowid = OLD.id * 8 + 5;
END;
