-- Full-text search that folds accents ("cafe" finds "café", "rëfund" finds
-- "refund") on both databases. SQLite already does: the FTS5 table of
-- 20261128020000_analytics uses the unicode61 tokenizer, whose default
-- remove_diacritics folds them. Only PostgreSQL changes (see that history's
-- migration of the same name); this one keeps the two histories in step.
SELECT 1;
