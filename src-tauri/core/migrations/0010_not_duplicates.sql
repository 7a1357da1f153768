-- Schema v10: pairs of people the user said are not the same person, so the list of
-- likely duplicates never offers them again. The lower id first, each pair once. A
-- merge removes the absorbed record's rows; deleting a person removes theirs.
CREATE TABLE not_duplicate (
    person_a      INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    person_b      INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    dismissed_at  INTEGER NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
) WITHOUT ROWID;
CREATE INDEX not_duplicate_by_b ON not_duplicate (person_b);
