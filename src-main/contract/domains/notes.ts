import { method } from '../method';
import { s } from '../schema';

export interface Note {
  id: number;
  title: string;
  body: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

const noteFields = {
  title: s.string({ min: 1, max: 200, trim: true }),
  body: s.optional(s.string({ max: 1_000_000 })),
  tags: s.optional(s.array(s.string({ min: 1, max: 60, trim: true }), { max: 50 })),
};

export const notesMethods = {
  'notes.list': method<Note[]>()('Notes, newest first', s.object({ search: s.optional(s.string({ max: 200 })) })),
  'notes.get': method<Note>()('One note', s.object({ id: s.int({ min: 1 }) })),
  'notes.create': method<Note>()('Write a new note', s.object(noteFields)),
  'notes.update': method<Note>()(
    'Change a note',
    s.object({
      id: s.int({ min: 1 }),
      title: s.optional(noteFields.title),
      body: noteFields.body,
      tags: noteFields.tags,
    }),
  ),
  'notes.delete': method<Note>()('Delete a note; the response is what was deleted', s.object({ id: s.int({ min: 1 }) })),
};
