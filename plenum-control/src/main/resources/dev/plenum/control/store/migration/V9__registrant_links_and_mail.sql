-- Registrants' mail: personal join keys no longer stored, the mail language, calendar revisions.

-- A registrant's join key is now an HMAC of the registrant's id under a key kept outside the database
-- (registration.MailLinks), so a copy of the database lets nobody in; the clear keys kept so far go. (The web
-- client never passed them on, so no link that worked stops working.) join_revoked_at: an organiser revoked the key.
DROP INDEX registrants_join_key;
ALTER TABLE registrants DROP COLUMN join_key;
ALTER TABLE registrants ADD COLUMN join_revoked_at TIMESTAMP WITH TIME ZONE;

-- The language the registration page was used in: every mail to the registrant is written in it.
ALTER TABLE registrants ADD COLUMN mail_language VARCHAR(8) DEFAULT 'en' NOT NULL;

-- The iCalendar SEQUENCE of the conference's invitations (RFC 5546 §2.1.4): raised when the schedule changes and
-- when the conference is cancelled, so calendars apply the newest revision.
ALTER TABLE conferences ADD COLUMN calendar_sequence INTEGER DEFAULT 0 NOT NULL;
