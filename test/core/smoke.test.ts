import { test, expect } from 'vitest';
import Database from 'better-sqlite3';
test('sqlite opens', () => { const db = new Database(':memory:'); expect(db.prepare('select 1 as x').get()).toEqual({ x: 1 }); });
