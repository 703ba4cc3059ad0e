-- What a session's report needs, and roles that outlive a room. Old rows stay valid: the new column is nullable.

-- When a poll was started, so that the report of one session lists the polls of that session. Polls started before
-- this column existed have none: they appear in the room's report only.
ALTER TABLE polls ADD COLUMN opened_at TIMESTAMP WITH TIME ZONE;

-- The role a host last gave a person in a planned room: 'presenter' (promoted, and the person accepted) or 'attendee'
-- (demoted again). A room opened again later (everyone left, a restart, another node) gives the person this role back
-- when they join. person_key identifies the person as session_attendees does (a SHA-256 of the e-mail address, else
-- of the browser cookie and the name). changed_at orders the decisions: a write older than the stored one is ignored,
-- so a stale promotion never undoes a later demotion.
CREATE TABLE room_roles (
    room_name        VARCHAR(64) NOT NULL,
    person_key       VARCHAR(64) NOT NULL,
    participant_role VARCHAR(16) NOT NULL CHECK (participant_role IN ('presenter', 'attendee')),
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (room_name, person_key)
);
