-- The public schema of the digest database. Safe to re-run (create ... if not exists).
-- Names here are a public interface: analysts query these tables directly.

create sequence if not exists ingest_id_seq start 1;

-- One row per ingest run.
create table if not exists ingest_runs (
    ingest_id      integer primary key,
    started_at     timestamp not null,
    finished_at    timestamp,
    files_read     integer,
    files_skipped  integer,
    digests        integer,
    articles       integer,
    problems       integer,
    dictionary_sha varchar
);

-- Every file ever offered to the loader, keyed by its path.
create table if not exists source_files (
    source_path    varchar primary key,
    content_sha256 varchar not null,
    status         varchar not null,   -- loaded | duplicate | replaced | rejected
    digest_id      varchar,
    size_bytes     bigint,
    ingest_id      integer,
    file_size      bigint,             -- size and mtime as last read: an unchanged
    file_mtime_ns  bigint              -- stamp means the file is not read again
);
-- Databases made before these columns existed get them here.
alter table source_files add column if not exists file_size bigint;
alter table source_files add column if not exists file_mtime_ns bigint;

-- One row per daily digest (the identity is feed + date).
create table if not exists digests (
    digest_id      varchar primary key,  -- '<feed>:<YYYY-MM-DD>'
    feed           varchar not null,
    digest_date    date not null,
    source_path    varchar not null,
    content_sha256 varchar not null,
    title          varchar,
    n_features     integer,
    n_briefs       integer,
    ingest_id      integer
);

-- Feature articles and one-line briefs.
create table if not exists articles (
    article_id   varchar primary key,    -- '<digest_id>:f01' / ':b01'
    digest_id    varchar not null,
    digest_date  date not null,
    feed         varchar not null,
    kind         varchar not null,       -- 'feature' | 'brief'
    position     integer not null,
    title        varchar not null,
    category     varchar,
    insight      varchar,
    body         varchar,
    url          varchar,
    score        double,
    line         integer,
    story_id     varchar
);

-- One row per outlet cited by a feature article.
create table if not exists article_sources (
    article_id varchar not null,
    position   integer not null,
    outlet     varchar not null,
    url        varchar
);

-- Company mentions per article.
create table if not exists mentions (
    article_id    varchar not null,
    company       varchar not null,
    alias         varchar not null,
    n             integer not null,
    in_dictionary boolean not null
);

-- Business figures extracted from article text.
create table if not exists figures (
    figure_id   varchar primary key,     -- '<article_id>:<n>'
    article_id  varchar not null,
    digest_date date not null,
    company     varchar,
    metric      varchar not null,
    value       double not null,
    value_high  double,
    currency    varchar,
    unit        varchar,
    value_usd   double,
    qualifier   varchar,
    period      varchar,
    span        varchar not null,
    sentence    varchar not null
);

-- Every problem met while reading a file.
create table if not exists ingest_issues (
    source_path varchar not null,
    severity    varchar not null,        -- 'error' | 'warning'
    line        integer,
    message     varchar not null,
    ingest_id   integer
);

-- The company dictionary in use at the last ingest (from data/companies.csv).
create table if not exists companies (
    company varchar not null,
    alias   varchar not null,
    kind    varchar not null,            -- name | alias | product | subsidiary
    parent  varchar
);

-- Facts about the database itself: mode = 'demo' when built from the generated demo corpus.
create table if not exists db_meta (
    key   varchar primary key,
    value varchar
);
