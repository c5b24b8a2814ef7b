-- Issue 15. Organisers order the proposals of a draft; residents and staff see them in that order. Existing rows
-- keep the order they were shown in (by id): position n for the n-th proposal of its election.
ALTER TABLE proposal ADD COLUMN list_position INT DEFAULT 0 NOT NULL;
UPDATE proposal SET list_position = (SELECT COUNT(*) FROM proposal q WHERE q.election_id = proposal.election_id AND q.id <= proposal.id);
