import { ApiError, type Note, type notesMethods } from '../../contract';
import type { ServiceDeps } from '../deps';
import type { Handlers } from '../handlers';
import { clearTags, setTags, tagsOf } from '../repos/tags';

interface NoteRow {
  id: number;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export function notesService(deps: ServiceDeps): Handlers<keyof typeof notesMethods> {
  const { db } = deps;
  const toNote = (row: NoteRow): Note => ({
    id: row.id,
    title: row.title,
    body: row.body,
    tags: tagsOf(db, 'note', row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  const load = (id: number): Note => {
    const row = db.prepare('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow | undefined;
    if (!row) throw new ApiError('NOT_FOUND', `Note ${id} does not exist (it may have been deleted).`);
    return toNote(row);
  };
  const changed = (id: number) => deps.events.emit('notes.changed', { id });

  return {
    'notes.list': ({ search }) => {
      const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const rows = db
        .prepare(
          `SELECT * FROM notes WHERE @like IS NULL OR title LIKE @like ESCAPE '\\' OR body LIKE @like ESCAPE '\\'
           ORDER BY updated_at DESC, id DESC`,
        )
        .all({ like }) as NoteRow[];
      return rows.map(toNote);
    },
    'notes.get': ({ id }) => load(id),
    'notes.create': ({ title, body, tags }) => {
      const now = deps.now().toISOString();
      const id = db.transaction(() => {
        const result = db
          .prepare('INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?)')
          .run(title, body ?? '', now, now);
        const newId = Number(result.lastInsertRowid);
        if (tags) setTags(db, 'note', newId, tags);
        return newId;
      })();
      changed(id);
      return load(id);
    },
    'notes.update': ({ id, title, body, tags }) => {
      const current = load(id);
      db.transaction(() => {
        db.prepare('UPDATE notes SET title = ?, body = ?, updated_at = ? WHERE id = ?').run(
          title ?? current.title,
          body ?? current.body,
          deps.now().toISOString(),
          id,
        );
        if (tags) setTags(db, 'note', id, tags);
      })();
      changed(id);
      return load(id);
    },
    'notes.delete': ({ id }) => {
      const note = load(id);
      db.transaction(() => {
        clearTags(db, 'note', id);
        db.prepare("DELETE FROM links WHERE (from_type = 'note' AND from_id = ?) OR (to_type = 'note' AND to_id = ?)").run(id, id);
        db.prepare('DELETE FROM notes WHERE id = ?').run(id);
      })();
      changed(id);
      return note;
    },
  };
}
