-- Boot metadata, in the clear by design: what is needed to find and open the key.
CREATE TABLE vault (
    id      BLOB PRIMARY KEY,
    format  INTEGER NOT NULL
);
-- One wrapped copy of the master key per way in (passphrase, recovery key, quick unlock).
CREATE TABLE keyslots (
    slot_id BLOB PRIMARY KEY,
    type    INTEGER NOT NULL,
    kdf     BLOB NOT NULL,
    wrapped BLOB NOT NULL
);
-- How many encryptions each record key has made, to stay far below the random-nonce limit.
CREATE TABLE key_use (
    key_id      INTEGER PRIMARY KEY,
    encryptions INTEGER NOT NULL
);
-- Everything the person wrote: random ids, so physical order says nothing about time.
CREATE TABLE records (
    record_id  BLOB PRIMARY KEY,
    kind       INTEGER NOT NULL,
    schema_ver INTEGER NOT NULL,
    blob       BLOB NOT NULL
) WITHOUT ROWID;
