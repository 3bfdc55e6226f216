// The TicketRoom's own SQLite database (Durable Object storage): the Yjs
// document as one snapshot plus the updates that arrived since, who wrote in
// each draft since it was last sent, and the send in progress.
//
// Schema changes are an APPEND-ONLY list of migrations: a deployed entry is
// never edited or removed (rooms that already ran it would not run it again);
// add a new entry at the end. `room_migrations` records how many have run.

const MIGRATIONS: readonly (readonly string[])[] = [
  // 1: the document, contributors, sends.
  [
    `CREATE TABLE doc_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL, saved_at INTEGER NOT NULL)`,
    // AUTOINCREMENT: sequence numbers are never reused after compaction deletes rows,
    // so contributor marks (last_seq) stay comparable across compactions.
    `CREATE TABLE doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL)`,
    `CREATE TABLE draft_contributors (field TEXT NOT NULL, user_id INTEGER NOT NULL, last_seq INTEGER NOT NULL, PRIMARY KEY (field, user_id))`,
    `CREATE TABLE pending_sends (
       send_id TEXT PRIMARY KEY, field TEXT NOT NULL UNIQUE, state_vector BLOB NOT NULL,
       take_seq INTEGER NOT NULL, sender_id INTEGER NOT NULL, taken_at INTEGER NOT NULL)`,
    `CREATE TABLE last_sends (field TEXT PRIMARY KEY, comment_id INTEGER NOT NULL, taken_at INTEGER NOT NULL, sent_at INTEGER NOT NULL)`,
  ],
];

export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

export interface PendingSendRow {
  sendId: string;
  field: string;
  stateVector: Uint8Array;
  takeSeq: number;
  senderId: number;
  takenAt: number;
}

export interface LastSendRow {
  field: string;
  commentId: number;
  takenAt: number;
  sentAt: number;
}

const bytes = (value: unknown): Uint8Array => new Uint8Array(value as ArrayBuffer);

export class TicketRoomStorage {
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    this.#migrate();
  }

  get #sql(): SqlStorage {
    return this.#storage.sql;
  }

  #migrate(): void {
    this.#sql.exec('CREATE TABLE IF NOT EXISTS room_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const applied = this.#sql.exec<{ n: number }>('SELECT count(*) AS n FROM room_migrations').one().n;
    for (let version = applied; version < MIGRATIONS.length; version++) {
      this.#storage.transactionSync(() => {
        for (const statement of MIGRATIONS[version] ?? []) this.#sql.exec(statement);
        this.#sql.exec('INSERT INTO room_migrations (version, applied_at) VALUES (?, ?)', version + 1, Date.now());
      });
    }
  }

  /** The snapshot and the updates after it, oldest first. */
  loadDocument(): StoredDocument {
    const snapshot = this.#sql.exec<{ state: ArrayBuffer }>('SELECT state FROM doc_snapshot WHERE id = 1').toArray()[0];
    const updates = this.#sql.exec<{ data: ArrayBuffer }>('SELECT data FROM doc_updates ORDER BY seq').toArray();
    return { snapshot: snapshot ? bytes(snapshot.state) : null, updates: updates.map((u) => bytes(u.data)) };
  }

  /** Appends an update; returns its sequence number. */
  appendUpdate(update: Uint8Array): number {
    return this.#sql.exec<{ seq: number }>('INSERT INTO doc_updates (data) VALUES (?) RETURNING seq', update).one().seq;
  }

  /** The newest sequence number ever handed out (0 before the first update). */
  lastSeq(): number {
    const row = this.#sql.exec<{ seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'doc_updates'`).toArray()[0];
    return row?.seq ?? 0;
  }

  /** Replaces snapshot + updates by one snapshot of the whole document, atomically. */
  compact(state: Uint8Array): void {
    this.#storage.transactionSync(() => {
      this.#sql.exec(
        'INSERT INTO doc_snapshot (id, state, saved_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at',
        state,
        Date.now(),
      );
      this.#sql.exec('DELETE FROM doc_updates');
    });
  }

  recordContributor(field: string, userId: number, seq: number): void {
    this.#sql.exec(
      'INSERT INTO draft_contributors (field, user_id, last_seq) VALUES (?, ?, ?) ON CONFLICT (field, user_id) DO UPDATE SET last_seq = excluded.last_seq',
      field,
      userId,
      seq,
    );
  }

  /** Who wrote in `field` since it was last sent, by user id. */
  contributors(field: string): number[] {
    return this.#sql
      .exec<{ user_id: number }>('SELECT user_id FROM draft_contributors WHERE field = ? ORDER BY user_id', field)
      .toArray()
      .map((r) => r.user_id);
  }

  savePendingSend(send: PendingSendRow): void {
    this.#sql.exec(
      'INSERT INTO pending_sends (send_id, field, state_vector, take_seq, sender_id, taken_at) VALUES (?, ?, ?, ?, ?, ?)',
      send.sendId,
      send.field,
      send.stateVector,
      send.takeSeq,
      send.senderId,
      send.takenAt,
    );
  }

  pendingSend(by: { sendId: string } | { field: string }): PendingSendRow | null {
    const [column, value] = 'sendId' in by ? ['send_id', by.sendId] : ['field', by.field];
    const row = this.#sql
      .exec<{ send_id: string; field: string; state_vector: ArrayBuffer; take_seq: number; sender_id: number; taken_at: number }>(
        `SELECT * FROM pending_sends WHERE ${column} = ?`,
        value,
      )
      .toArray()[0];
    return row
      ? { sendId: row.send_id, field: row.field, stateVector: bytes(row.state_vector), takeSeq: row.take_seq, senderId: row.sender_id, takenAt: row.taken_at }
      : null;
  }

  deletePendingSend(sendId: string): void {
    this.#sql.exec('DELETE FROM pending_sends WHERE send_id = ?', sendId);
  }

  /**
   * Records a committed send: the draft's contributors up to the take are
   * credited and forgotten (those who wrote during the send stay), and the
   * pending send becomes the field's last send.
   */
  commitSend(send: PendingSendRow, commentId: number): void {
    this.#storage.transactionSync(() => {
      this.#sql.exec('DELETE FROM draft_contributors WHERE field = ? AND last_seq <= ?', send.field, send.takeSeq);
      this.#sql.exec(
        'INSERT INTO last_sends (field, comment_id, taken_at, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT (field) DO UPDATE SET comment_id = excluded.comment_id, taken_at = excluded.taken_at, sent_at = excluded.sent_at',
        send.field,
        commentId,
        send.takenAt,
        Date.now(),
      );
      this.#sql.exec('DELETE FROM pending_sends WHERE send_id = ?', send.sendId);
    });
  }

  lastSend(field: string): LastSendRow | null {
    const row = this.#sql
      .exec<{ field: string; comment_id: number; taken_at: number; sent_at: number }>('SELECT * FROM last_sends WHERE field = ?', field)
      .toArray()[0];
    return row ? { field: row.field, commentId: row.comment_id, takenAt: row.taken_at, sentAt: row.sent_at } : null;
  }
}
