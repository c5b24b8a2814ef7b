-- Issue 11. Groups of proposals of which at most one may be funded ("A or B, not both"), as JSON text like the
-- election's other structured settings.
ALTER TABLE election ADD COLUMN incompatible_json VARCHAR(20000) DEFAULT '[]' NOT NULL;
