import type { Db } from './db/notebook';
import type { EventBus } from './events';

/** What services get injected, so tests can freeze time and watch events. */
export interface ServiceDeps {
  db: Db;
  notebookPath: string;
  events: EventBus;
  now: () => Date;
  appVersion: string;
}
