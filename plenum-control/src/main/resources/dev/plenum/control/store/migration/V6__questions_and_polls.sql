-- Each room's Q&A and polls, kept so that a room re-created later (after a restart, or on another node) resumes
-- them, and so the session report can list them. Ids are numbered per room by the control node that runs it.

CREATE TABLE questions (
    room_name      VARCHAR(64) NOT NULL,
    id             BIGINT NOT NULL,
    asker_id       VARCHAR(64) NOT NULL,
    asker_name     VARCHAR(64) NOT NULL,
    anonymous      BOOLEAN NOT NULL,
    body           VARCHAR(500) NOT NULL,
    status         VARCHAR(16) NOT NULL CHECK (status IN ('open', 'answered', 'dismissed')),
    answer_body    VARCHAR(2000),
    answer_by      VARCHAR(64),
    answer_private BOOLEAN,
    asked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (room_name, id)
);

CREATE TABLE question_upvotes (
    room_name   VARCHAR(64) NOT NULL,
    question_id BIGINT NOT NULL,
    voter_id    VARCHAR(64) NOT NULL,
    PRIMARY KEY (room_name, question_id, voter_id),
    FOREIGN KEY (room_name, question_id) REFERENCES questions (room_name, id) ON DELETE CASCADE
);

CREATE TABLE polls (
    room_name      VARCHAR(64) NOT NULL,
    id             BIGINT NOT NULL,
    question       VARCHAR(300) NOT NULL,
    multiple       BOOLEAN NOT NULL,
    anonymous      BOOLEAN NOT NULL,
    status         VARCHAR(16) NOT NULL CHECK (status IN ('open', 'closed')),
    results_shared BOOLEAN NOT NULL,
    PRIMARY KEY (room_name, id)
);

-- option_index counts from 0, in the order the host wrote the options.
CREATE TABLE poll_options (
    room_name    VARCHAR(64) NOT NULL,
    poll_id      BIGINT NOT NULL,
    option_index INTEGER NOT NULL,
    option_text  VARCHAR(100) NOT NULL,
    PRIMARY KEY (room_name, poll_id, option_index),
    FOREIGN KEY (room_name, poll_id) REFERENCES polls (room_name, id) ON DELETE CASCADE
);

-- One row per option a voter chose; a changed vote replaces the voter's rows.
CREATE TABLE poll_votes (
    room_name    VARCHAR(64) NOT NULL,
    poll_id      BIGINT NOT NULL,
    voter_id     VARCHAR(64) NOT NULL,
    option_index INTEGER NOT NULL,
    PRIMARY KEY (room_name, poll_id, voter_id, option_index),
    FOREIGN KEY (room_name, poll_id, option_index) REFERENCES poll_options (room_name, poll_id, option_index) ON DELETE CASCADE
);
