-- A review row's stamp: every change to the row (status, assignee, publication, a reopen at
-- re-detection) adds one. A page carries the stamp it was rendered with, and a change is refused
-- when the row moved since, even if it moved back to what the page showed (NEW → IN_REVIEW → NEW,
-- or a colleague's reassignment): a status alone cannot tell. Existing rows and a flight with no
-- review row yet both count as 0. Incremented by the statements themselves, not by a trigger:
-- Citus refuses triggers on distributed tables by default.
ALTER TABLE "reviews" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
