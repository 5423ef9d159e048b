import type { Db } from './db/notebook';
import type { EventBus } from './events';
import type { AttachmentStore } from './files/attachments';
import type { JobRegistry } from './jobs';

/** What services get injected, so tests can freeze time and watch events. */
export interface ServiceDeps {
  db: Db;
  notebookPath: string;
  events: EventBus;
  now: () => Date;
  appVersion: string;
  /** Content-addressed originals kept with the notebook. */
  files: AttachmentStore;
  jobs: JobRegistry;
}
