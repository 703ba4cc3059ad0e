-- A registrant who cancelled may register again with the same address: a fresh registration (new id, so new
-- personal links; the cancelled one's stay refused). One registration per address and conference is still the
-- rule for every registration but cancelled ones: active_email is the address while the registration holds it
-- and NULL once its registrant cancelled (unique indexes let any number of NULLs through, on H2 and PostgreSQL).
ALTER TABLE registrants ADD COLUMN active_email VARCHAR(254);
UPDATE registrants SET active_email = email WHERE registration_status <> 'cancelled';
DROP INDEX registrants_email;
CREATE UNIQUE INDEX registrants_active_email ON registrants (conference_id, active_email);
CREATE INDEX registrants_email ON registrants (conference_id, email);
