import type { WindowsVersion, windowsMethods } from '../../contract';
import type { ServiceDeps } from '../deps';
import type { Handlers } from '../handlers';

interface WindowsRow {
  build: number;
  name: string;
  release: string | null;
  branch: string | null;
  notes: string;
  experiment_count: number;
}

const SELECT = `SELECT w.*, (SELECT count(*) FROM experiments e WHERE e.windows_build = w.build) AS experiment_count
  FROM windows_versions w`;

function toVersion(row: WindowsRow): WindowsVersion {
  return {
    build: row.build,
    name: row.name,
    release: row.release,
    branch: row.branch,
    notes: row.notes,
    experimentCount: row.experiment_count,
  };
}

export function windowsService(deps: ServiceDeps): Handlers<keyof typeof windowsMethods> {
  const { db } = deps;
  return {
    'windows.list': () => (db.prepare(`${SELECT} ORDER BY w.build`).all() as WindowsRow[]).map(toVersion),
    'windows.upsert': ({ build, name, release, branch, notes }) => {
      db.prepare(
        `INSERT INTO windows_versions (build, name, release, branch, notes) VALUES (@build, @name, @release, @branch, @notes)
         ON CONFLICT(build) DO UPDATE SET name = excluded.name,
           release = coalesce(@releaseSet, windows_versions.release),
           branch = coalesce(@branchSet, windows_versions.branch),
           notes = coalesce(@notesSet, windows_versions.notes)`,
      ).run({
        build,
        name,
        release: release ?? null,
        branch: branch ?? null,
        notes: notes ?? '',
        releaseSet: release === undefined ? null : release,
        branchSet: branch === undefined ? null : branch,
        notesSet: notes ?? null,
      });
      deps.events.emit('windows.changed', { build });
      return toVersion(db.prepare(`${SELECT} WHERE w.build = ?`).get(build) as WindowsRow);
    },
  };
}
