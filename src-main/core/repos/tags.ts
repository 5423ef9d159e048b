import type { Db } from '../db/notebook';

export type TaggedEntity = 'experiment' | 'driver' | 'stack' | 'frame' | 'note' | 'writeup' | 'dump';

export function tagsOf(db: Db, entity: TaggedEntity, id: number): string[] {
  return (
    db
      .prepare(
        `SELECT t.name FROM taggings g JOIN tags t ON t.id = g.tag_id
         WHERE g.entity_type = ? AND g.entity_id = ? ORDER BY t.name COLLATE NOCASE`,
      )
      .all(entity, id) as { name: string }[]
  ).map((row) => row.name);
}

export function setTags(db: Db, entity: TaggedEntity, id: number, names: readonly string[]): void {
  db.prepare('DELETE FROM taggings WHERE entity_type = ? AND entity_id = ?').run(entity, id);
  const insertTag = db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING');
  const findTag = db.prepare('SELECT id FROM tags WHERE name = ?');
  const link = db.prepare('INSERT OR IGNORE INTO taggings (tag_id, entity_type, entity_id) VALUES (?, ?, ?)');
  for (const name of new Set(names.map((n) => n.trim()).filter(Boolean))) {
    insertTag.run(name);
    const tag = findTag.get(name) as { id: number };
    link.run(tag.id, entity, id);
  }
}

export function clearTags(db: Db, entity: TaggedEntity, id: number): void {
  db.prepare('DELETE FROM taggings WHERE entity_type = ? AND entity_id = ?').run(entity, id);
}
