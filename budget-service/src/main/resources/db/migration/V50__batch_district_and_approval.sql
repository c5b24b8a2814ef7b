-- Issue 11. A code batch names the district whose residents it is for (one the election lists, or none when
-- the election lists none); a batch asked for while voting is open waits for a second staff member's approval
-- before any code exists (separation of duties), and keeps who approved it.
ALTER TABLE code_batch ADD COLUMN district VARCHAR(100);
ALTER TABLE code_batch ADD COLUMN while_open BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE code_batch ADD COLUMN pending BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE code_batch ADD COLUMN approved_by VARCHAR(64);
