"""The database schema. Append-only: never edit a migration once it has landed; add a new one."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from voice.common.dates import due_on
from voice.store import tallies

migrations = Migrations("voice")


@migrations()
def m001_surveys_and_responses(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE survey_versions (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL,            -- the Survey struct as JSON: immutable
            first_loaded_on TEXT NOT NULL        -- a date, like every date we keep
        )"""
    )
    db.execute("CREATE INDEX survey_versions_slug ON survey_versions(slug)")
    db.execute(
        """
        CREATE TABLE surveys (
            slug TEXT PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES survey_versions(id),
            source TEXT NOT NULL
        )"""
    )
    # No IP address, user agent, referrer or time of day: a response knows only its day.
    db.execute(
        """
        CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            receipt TEXT NOT NULL UNIQUE,
            survey_slug TEXT NOT NULL,
            version_id INTEGER NOT NULL REFERENCES survey_versions(id),
            channel TEXT NOT NULL CHECK (channel IN ('web', 'api', 'paper', 'session', 'import')),
            submitted_on TEXT NOT NULL,
            quote_consent INTEGER CHECK (quote_consent IN (0, 1)),
            submission_key TEXT UNIQUE           -- a hash of the client's one-time token: idempotency
        )"""
    )
    db.execute("CREATE INDEX responses_survey ON responses(survey_slug, submitted_on)")
    db.execute(
        """
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            response_id INTEGER NOT NULL REFERENCES responses(id),
            question_id TEXT NOT NULL,
            value TEXT NOT NULL,                 -- JSON: a choice value, a list of them, or a scale point
            text TEXT,                           -- free text: the answer, or the words after "Other"
            UNIQUE (response_id, question_id)
        )"""
    )
    db.execute("CREATE INDEX answers_question ON answers(question_id)")
    # Apart from the answers, and shown only to a safeguarding lead.
    db.execute(
        """
        CREATE TABLE contact_requests (
            id INTEGER PRIMARY KEY,
            response_id INTEGER NOT NULL UNIQUE REFERENCES responses(id),
            survey_slug TEXT NOT NULL,
            name TEXT,
            contact TEXT NOT NULL,
            best_time TEXT,
            requested_on TEXT NOT NULL
        )"""
    )
    # Unfinished answers, keyed by a hash of the random token in the young person's cookie.
    db.execute(
        """
        CREATE TABLE drafts (
            token_hash TEXT PRIMARY KEY,
            survey_slug TEXT NOT NULL,
            version_id INTEGER NOT NULL REFERENCES survey_versions(id),
            answers TEXT NOT NULL DEFAULT '{}',
            submission_key TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX drafts_expiry ON drafts(expires_at)")


@migrations()
def m002_original_texts(db: Database) -> None:
    # The only place free text is kept as typed, for a safeguarding lead, until delete_after.
    # answers.text holds the redacted version that everyone else sees.
    db.execute(
        """
        CREATE TABLE original_texts (
            id INTEGER PRIMARY KEY,
            response_id INTEGER NOT NULL REFERENCES responses(id),
            answer_key TEXT NOT NULL,             -- the question id, or `<id>.other`
            text TEXT NOT NULL,
            kinds TEXT NOT NULL,                  -- what was redacted, as a JSON list
            delete_after TEXT NOT NULL,           -- a date
            UNIQUE (response_id, answer_key)
        )"""
    )
    db.execute("CREATE INDEX original_texts_expiry ON original_texts(delete_after)")


@migrations()
def m003_safeguarding(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            response_id INTEGER NOT NULL REFERENCES responses(id),
            answer_key TEXT NOT NULL,
            category TEXT NOT NULL,
            reason TEXT NOT NULL,                 -- the words that matched
            severity INTEGER NOT NULL,            -- 1 most urgent
            raised_on TEXT NOT NULL,
            assigned_role TEXT NOT NULL,          -- who must act on it
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            closed_by TEXT,
            closed_on TEXT,
            action_note TEXT,
            UNIQUE (response_id, answer_key, category)
        )"""
    )
    db.execute("CREATE INDEX flags_queue ON flags(status, severity, raised_on)")
    # Only a person closes a flag; nothing deletes one or rewrites why it was raised.
    db.execute(
        "CREATE TRIGGER flags_never_deleted BEFORE DELETE ON flags "
        "BEGIN SELECT RAISE(ABORT, 'safeguarding flags are never deleted'); END"
    )
    db.execute(
        "CREATE TRIGGER flags_reason_fixed BEFORE UPDATE OF response_id, answer_key, category, reason, severity, "
        "raised_on ON flags BEGIN SELECT RAISE(ABORT, 'why a flag was raised cannot be changed'); END"
    )
    db.execute(
        "CREATE TRIGGER flags_closed_by_a_person BEFORE UPDATE OF status ON flags "
        "WHEN NEW.status = 'closed' AND (NEW.closed_by IS NULL OR coalesce(NEW.action_note, '') = '') "
        "BEGIN SELECT RAISE(ABORT, 'closing a flag needs the person and what was done'); END"
    )
    db.execute(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            happened_at TEXT NOT NULL,            -- staff actions are timed; never an IP address
            actor TEXT NOT NULL,                  -- a staff account, or 'system'
            action TEXT NOT NULL,
            subject TEXT NOT NULL,                -- e.g. 'flag:12'
            detail TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END"
    )


@migrations()
def m004_staff(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('admin', 'facilitator', 'safeguarding_lead', 'viewer')),
            password_hash TEXT NOT NULL,           -- argon2id
            created_on TEXT NOT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            disabled INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """
        CREATE TABLE staff_sessions (
            token_hash TEXT PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            last_seen TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )"""
    )


@migrations()
def m005_themes(db: Database) -> None:
    # Machine suggestions, on the redacted text; people's corrections will live in their own table.
    db.execute(
        """
        CREATE TABLE themes (
            answer_id INTEGER PRIMARY KEY REFERENCES answers(id),
            sentiment TEXT NOT NULL CHECK (sentiment IN ('negative', 'neutral', 'positive', 'mixed')),
            score REAL NOT NULL,
            topics TEXT NOT NULL,                 -- JSON list of topic ids
            matched TEXT NOT NULL,                -- JSON {topic id: [words that matched]}
            version TEXT NOT NULL,                -- algorithm and taxonomy hash
            themed_on TEXT NOT NULL
        )"""
    )


@migrations()
def m006_review_and_quotes(db: Database) -> None:
    # Full-text search over the redacted text only (answers.text), kept in step by triggers.
    db.table("answers").enable_fts(["text"], fts_version="FTS5", create_triggers=True, tokenize="porter")
    # People's decisions, apart from the machine's suggestions (themes).
    db.execute(
        """
        CREATE TABLE theme_corrections (
            id INTEGER PRIMARY KEY,
            answer_id INTEGER NOT NULL REFERENCES answers(id),
            sentiment TEXT CHECK (sentiment IN ('negative', 'neutral', 'positive', 'mixed')),
            topics TEXT NOT NULL,                 -- JSON list of topic ids, as the person set them
            corrected_by TEXT NOT NULL,
            corrected_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX theme_corrections_answer ON theme_corrections(answer_id, id)")
    db.execute(
        """
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            answer_id INTEGER NOT NULL REFERENCES answers(id),
            text TEXT NOT NULL,                   -- as it will be published (redacted, perhaps shortened)
            attribution TEXT NOT NULL,            -- e.g. "(YPAG)", "Young person – domestic abuse consultation"
            topics TEXT NOT NULL DEFAULT '[]',
            priorities TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'published', 'rejected')),
            proposed_by TEXT NOT NULL,
            proposed_at TEXT NOT NULL,
            decided_by TEXT,
            decided_at TEXT,
            CHECK (decided_by IS NULL OR decided_by != proposed_by OR status = 'rejected')
        )"""
    )


@migrations()
def m007_priorities_and_actions(db: Database) -> None:
    # A business year's priorities (e.g. 2021/22), each with the outcomes the partnership wants.
    db.execute(
        """
        CREATE TABLE priorities (
            id INTEGER PRIMARY KEY,
            year TEXT NOT NULL,                   -- a business year, '2021/22'
            key TEXT NOT NULL,                    -- the id surveys and the taxonomy use, e.g. 'domestic_abuse'
            name TEXT NOT NULL,
            outcomes TEXT NOT NULL DEFAULT '[]',  -- JSON list of outcome statements
            topics TEXT NOT NULL DEFAULT '[]',    -- JSON list of topic ids that feed it (editable)
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (year, key)
        )"""
    )
    # What the partnership did ("we did"), and what changed because of it.
    db.execute(
        """
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            year TEXT NOT NULL,
            title TEXT NOT NULL,
            what_we_did TEXT NOT NULL,
            agency TEXT NOT NULL,                 -- the partner agency that led it
            status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
            started_on TEXT,
            finished_on TEXT,
            what_changed TEXT NOT NULL DEFAULT '',
            next_steps TEXT NOT NULL DEFAULT '',
            priorities TEXT NOT NULL DEFAULT '[]', -- JSON lists of what prompted it and what it serves
            topics TEXT NOT NULL DEFAULT '[]',
            quotes TEXT NOT NULL DEFAULT '[]',
            surveys TEXT NOT NULL DEFAULT '[]',
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX actions_year ON actions(year)")
    # What the public sees: a report as it was when a person published it (republish to update).
    db.execute(
        """
        CREATE TABLE published_reports (
            id INTEGER PRIMARY KEY,
            year TEXT NOT NULL,
            survey TEXT NOT NULL DEFAULT '',      -- '' for the whole year
            report TEXT NOT NULL,                 -- the Report as JSON
            published_by TEXT NOT NULL,
            published_at TEXT NOT NULL,
            UNIQUE (year, survey)
        )"""
    )


@migrations()
def m008_unread(db: Database) -> None:
    # Answers accepted (stored, receipt given) but not yet read: redacted, checked for safeguarding
    # signs, themed. Read within seconds, or when a busy service next has a quiet moment; then deleted.
    # Nobody sees these rows; they hold the answers as sent, like original_texts.
    db.execute(
        """
        CREATE TABLE unread (
            response_id INTEGER PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
            answers TEXT NOT NULL,                -- the checked answers as JSON, free text as typed
            claimed_until TEXT                    -- a reader is working on it until then (UTC time)
        )"""
    )


def _count_answer(step: int, answer: str) -> str:
    """Move one answer's count in topic_tallies (a statement for the triggers of m009)."""
    return (
        "INSERT INTO topic_tallies (survey_slug, day, sentiment, topics, n) "  # noqa: S608 - fixed SQL
        f"SELECT r.survey_slug, r.submitted_on, e.sentiment, e.topics, {step} FROM effective_themes e "
        "JOIN answers a ON a.id = e.answer_id JOIN responses r ON r.id = a.response_id "
        f"WHERE e.answer_id = {answer} ON CONFLICT DO UPDATE SET n = n + excluded.n;"
    )


@migrations()
def m009_tallies(db: Database) -> None:
    # Counts kept as answers are read, so that reports need not scan every answer (see voice/tallies.py).
    # Choice answers by survey, day, question, value and the person's age band and area ('' = not said).
    db.execute(
        """
        CREATE TABLE answer_tallies (
            survey_slug TEXT NOT NULL,
            day TEXT NOT NULL,
            question_id TEXT NOT NULL,
            value TEXT NOT NULL,                  -- JSON, as in answers.value
            age_band TEXT NOT NULL,               -- the value of the response's age band answer, or ''
            area TEXT NOT NULL,
            n INTEGER NOT NULL,
            -- In this order a report's GROUP BY question, value and groups reads the key in order, no sorting.
            PRIMARY KEY (survey_slug, question_id, value, age_band, area, day)
        ) WITHOUT ROWID"""
    )
    # An answer's feeling and topics as counted: its latest correction's, else the machine's suggestion
    # (a correction without a feeling keeps the suggested one). As curation.LATEST_CORRECTIONS says.
    db.execute(
        """
        CREATE VIEW effective_themes AS
        SELECT t.answer_id, coalesce(c.sentiment, t.sentiment) AS sentiment, coalesce(c.topics, t.topics) AS topics
        FROM themes t LEFT JOIN theme_corrections c
            ON c.id = (SELECT max(id) FROM theme_corrections WHERE answer_id = t.answer_id)"""
    )
    db.execute(
        """
        CREATE TABLE topic_tallies (
            survey_slug TEXT NOT NULL,
            day TEXT NOT NULL,
            sentiment TEXT NOT NULL,
            topics TEXT NOT NULL,                 -- JSON list of topic ids
            n INTEGER NOT NULL,
            PRIMARY KEY (survey_slug, sentiment, topics, day)
        ) WITHOUT ROWID"""
    )
    # Whatever writes themes or corrections, the answer's count moves with it: taken off as it was
    # before the change, put back as it is after. (A new themes row has nothing to take off; with
    # INSERT OR REPLACE the row replaced is taken off by the delete trigger, since sqlite-utils
    # switches recursive_triggers on. store_themes() uses an upsert, which is an update.)
    for table in ("themes", "theme_corrections"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            old = "OLD" if event != "INSERT" else "NEW"
            new = "NEW" if event != "DELETE" else "OLD"
            if not (table == "themes" and event == "INSERT"):
                db.execute(
                    f"CREATE TRIGGER {table}_{event.lower()}_uncount BEFORE {event} ON {table} "
                    f"BEGIN {_count_answer(-1, f'{old}.answer_id')} END"
                )
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_count AFTER {event} ON {table} "
                f"BEGIN {_count_answer(1, f'{new}.answer_id')} END"
            )
    tallies.rebuild(db)


@migrations()
def m010_unread_draft(db: Database) -> None:
    # The unfinished answers (drafts.token_hash) a form post came from: deleted when its answers are
    # read, in the reader's transaction, rather than while the young person waits for the thank-you page.
    db.execute("ALTER TABLE unread ADD COLUMN draft TEXT")


@migrations()
def m011_contact_queue_withdrawal_accounts(db: Database) -> None:
    # Requests for contact are a queue of their own for the safeguarding lead: due by a day worked out
    # from the promise the survey made, closed only by a person with what was done, never deleted. The
    # contact details are wiped some time after closing (details_wiped_on), the record that it was
    # handled stays.
    for column in (
        "due_on TEXT",
        "status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed'))",
        "closed_by TEXT",
        "closed_on TEXT",
        "action_note TEXT",
        "details_wiped_on TEXT",
    ):
        db.execute(f"ALTER TABLE contact_requests ADD COLUMN {column}")
    db.execute("CREATE INDEX contact_requests_queue ON contact_requests(status, due_on)")
    db.execute(
        "CREATE TRIGGER contact_requests_never_deleted BEFORE DELETE ON contact_requests "
        "BEGIN SELECT RAISE(ABORT, 'requests for contact are never deleted'); END"
    )
    db.execute(
        "CREATE TRIGGER contact_requests_closed_by_a_person BEFORE UPDATE OF status ON contact_requests "
        "WHEN NEW.status = 'closed' AND (NEW.closed_by IS NULL OR coalesce(NEW.action_note, '') = '') "
        "BEGIN SELECT RAISE(ABORT, 'closing a request for contact needs the person and what was done'); END"
    )
    db.execute(
        "CREATE TRIGGER contact_requests_kept_as_asked BEFORE UPDATE OF response_id, survey_slug, requested_on, "
        "name, contact, best_time ON contact_requests WHEN NOT (NEW.response_id IS OLD.response_id AND "
        "NEW.survey_slug IS OLD.survey_slug AND NEW.requested_on IS OLD.requested_on AND "
        "((NEW.name IS OLD.name AND NEW.contact IS OLD.contact AND NEW.best_time IS OLD.best_time) OR "
        "(OLD.status = 'closed' AND NEW.name IS NULL AND NEW.contact = '' AND NEW.best_time IS NULL "
        "AND NEW.details_wiped_on IS NOT NULL))) "
        "BEGIN SELECT RAISE(ABORT, 'a request for contact is kept as asked; its details are only wiped "
        "after it is closed'); END"
    )
    for row_id, requested_on in db.execute("SELECT id, requested_on FROM contact_requests").fetchall():
        db.execute("UPDATE contact_requests SET due_on = ? WHERE id = ?", [due_on(requested_on, 2), row_id])
    # A young person can take their answers back. Answers with an open safeguarding flag are hidden
    # from everyone but the lead until the flag is closed, then deleted; withdrawn_on marks them.
    db.execute("ALTER TABLE responses ADD COLUMN withdrawn_on TEXT")
    # One-time links for staff: an invitation to set a first password, or a password reset.
    db.execute(
        """
        CREATE TABLE staff_links (
            token_hash TEXT PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
            expires_at TEXT NOT NULL,
            used_at TEXT
        )"""
    )
    # Wrong passwords are counted per (email, browser), never per account alone, so that a stranger
    # guessing cannot lock the lead out; the key is a hash, for unknown emails as for real ones.
    db.execute(
        """
        CREATE TABLE sign_in_failures (
            pair_hash TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            locked_until TEXT,
            last_failed_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX audit_log_actor ON audit_log(actor, id)")
    db.execute("CREATE INDEX audit_log_action ON audit_log(action, id)")


@migrations()
def m012_flag_tiers_and_decisions(db: Database) -> None:
    # The learned reader raises flags in tiers: "flag" (a rule, or a high model score), "look" (worth a
    # look: a lower score, read after the flags) and "person" (a language the reader cannot read). The
    # model's score is kept beside its flag. A lead closing a flag may say whether it was a real concern,
    # which `voice train --db` learns from.
    db.execute(
        "ALTER TABLE flags ADD COLUMN tier TEXT NOT NULL DEFAULT 'flag' CHECK (tier IN ('flag', 'look', 'person'))"
    )
    db.execute("ALTER TABLE flags ADD COLUMN score REAL")
    db.execute("ALTER TABLE flags ADD COLUMN decision TEXT CHECK (decision IN ('concern', 'no concern'))")
    db.execute("DROP INDEX flags_queue")
    db.execute("CREATE INDEX flags_queue ON flags(status, tier, severity, raised_on)")


@migrations()
def m013_plan_keys_archive_and_summaries(db: Database) -> None:
    # An action from a priorities file keeps the file's id (or its title's), so importing the file again
    # updates it instead of adding it twice. Staff archive a priority or an action rather than delete it:
    # it leaves the lists and new reports, and stays in the database for reports already published.
    # A quote may be a summary in the partnership's words: then it is never shown in quotation marks.
    db.execute("ALTER TABLE quotes ADD COLUMN summary INTEGER NOT NULL DEFAULT 0 CHECK (summary IN (0, 1))")
    db.execute("ALTER TABLE actions ADD COLUMN key TEXT")
    db.execute("CREATE UNIQUE INDEX actions_key ON actions(year, key) WHERE key IS NOT NULL")
    db.execute("ALTER TABLE actions ADD COLUMN archived_at TEXT")
    db.execute("ALTER TABLE priorities ADD COLUMN archived_at TEXT")


@migrations()
def m014_plan_translations(db: Database) -> None:
    # The partnership's own words in other languages: per language and field, the English a translation
    # was made from and the translation, so that a translation is not shown once its English has changed.
    db.execute("ALTER TABLE priorities ADD COLUMN translations TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE actions ADD COLUMN translations TEXT NOT NULL DEFAULT '{}'")


@migrations()
def m015_flag_evidence(db: Database) -> None:
    # Why the model raised a flag, in words a lead can check: the words of the answer (as staff see it)
    # that weighed most, the harms it names, and the answers it learned from that it is most like (JSON).
    db.execute("ALTER TABLE flags ADD COLUMN evidence TEXT")


@migrations()
def m016_audit_log_forgets_words_and_times_of_answers(db: Database) -> None:
    # The audit log is append-only, but it must not keep a young person's words (quotes they may take
    # back; the phrase behind a flag, which stays with the flag) nor the time of day an answer came.
    # The one change ever made to it: those details cleared, those times cut to the day.
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET detail = 'answer' WHERE action = 'quote proposed'")
    db.execute(
        "UPDATE audit_log SET detail = substr(detail, 1, instr(detail, ':') - 1) "
        "WHERE actor = 'system' AND action IN ('flag raised', 'worth a look raised', 'needs a person to read') "
        "AND instr(detail, ':') > 0"
    )
    db.execute(
        "UPDATE audit_log SET happened_at = substr(happened_at, 1, 10) "
        "WHERE (subject LIKE 'flag:%' OR subject LIKE 'response:%') AND instr(actor, '@') = 0"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END"
    )


@migrations()
def m017_gone_receipts(db: Database) -> None:
    # A receipt code whose answers were taken back (or deleted after their keeping time), as a hash: the
    # code finds no answers, but a young person who enters it again is told the answers went, not that it
    # is unknown. Hashes only: nothing here links to a response.
    db.execute("CREATE TABLE gone_receipts (receipt TEXT PRIMARY KEY, why TEXT NOT NULL) WITHOUT ROWID")


@migrations()
def m018_held_imports(db: Database) -> None:
    # A file a staff member uploads to import is held here between its preview and "Store", for the
    # sign-in that uploaded it only (`owner`: an HMAC of that session), until it expires; once stored,
    # the file is dropped and only what was done is kept (`result`), until it expires too.
    db.execute(
        """
        CREATE TABLE held_imports (
            token_hash TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            version_id INTEGER NOT NULL REFERENCES survey_versions(id),
            file_name TEXT NOT NULL,
            data BLOB,
            channel TEXT NOT NULL,
            day_first INTEGER NOT NULL,
            result TEXT,
            expires_at TEXT NOT NULL
        )"""
    )


@migrations()
def m019_contact_request_language(db: Database) -> None:
    # The language a young person was using the form in when they asked for someone to talk to them, so
    # that the lead can get back to them in it: kept with the request (which is not anonymous anyway), never
    # with the answers. Answers from the form wait in `unread` with it until they are read.
    db.execute("ALTER TABLE unread ADD COLUMN language TEXT")
    db.execute("ALTER TABLE contact_requests ADD COLUMN language TEXT")


@migrations()
def m020_email_notices(db: Database) -> None:
    # Emails to staff (voice.curation.notices): an outbox, written in the transaction that decides to send
    # and sent afterwards, so a mail server that is down never holds up or loses anything. An email holds
    # no young person's words, contact details or receipt; a one-time link's body is emptied once sent.
    db.execute(
        """
        CREATE TABLE emails (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('contact', 'flag', 'digest', 'overdue', 'invite', 'reset')),
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            next_try_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed_until TEXT,
            sent_at TEXT,
            given_up_at TEXT,
            last_error TEXT
        )"""
    )
    db.execute("CREATE INDEX emails_unsent ON emails(next_try_at) WHERE sent_at IS NULL AND given_up_at IS NULL")
    # Which day's digest and reminder have been queued (by any worker): 'digest:2026-12-07'.
    db.execute("CREATE TABLE notice_marks (what TEXT PRIMARY KEY, done_at TEXT NOT NULL) WITHOUT ROWID")
    # What the leads have been told about. What came before emails existed counts as told: an upgrade
    # does not send a flood about old requests and flags.
    db.execute("ALTER TABLE contact_requests ADD COLUMN notified INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE contact_requests SET notified = 1")
    db.execute("ALTER TABLE flags ADD COLUMN notified INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE flags SET notified = 1")
    db.execute("CREATE INDEX flags_not_notified ON flags(tier) WHERE notified = 0")
    db.execute("ALTER TABLE staff ADD COLUMN digest INTEGER NOT NULL DEFAULT 1 CHECK (digest IN (0, 1))")


@migrations()
def m021_backups(db: Database) -> None:
    # Each backup `voice backup` made and checked, so /healthz and /metrics can say how old the newest is.
    db.execute(
        """
        CREATE TABLE backups (
            id INTEGER PRIMARY KEY,
            made_at TEXT NOT NULL,
            file TEXT NOT NULL,
            pages INTEGER NOT NULL
        )"""
    )
