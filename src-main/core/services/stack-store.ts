/**
 * Storing one parsed stack (a paste, a text file, or a stack recovered from a crash dump) with its frames and lm
 * modules. Shared by the stacks service and the dumps service, so both write the same rows the same way.
 */
import { ApiError } from '../../contract/errors';
import type { ServiceDeps } from '../deps';
import * as repo from '../repos/stacks';
import type { ParsedPaste } from '../windbg/types';

export interface SaveStackInput {
  title: string;
  sourceKind: 'paste' | 'dump' | 'file';
  /** The text as given (a paste or a file); for a dump, whatever text view of the stack the caller has ('' is fine). */
  sourceText: string;
  parsed: ParsedPaste;
  experimentId?: number | null;
  dumpId?: number | null;
}

/** Longest stored title; longer ones are cut (titles come from file names and bug check names). */
export const STACK_TITLE_MAX = 200;

/** A title when the caller has none: the bug check, else the culprit, else a plain label. */
export function defaultStackTitle(parsed: ParsedPaste): string {
  const bugcheck = parsed.bugcheck ? (parsed.bugcheck.name ?? `Bug check ${parsed.bugcheck.code}`) : null;
  const culprit = parsed.causedBy ?? (parsed.faulting ? parsed.faulting.module : null);
  if (bugcheck && culprit) return `${bugcheck} in ${culprit}`;
  return bugcheck ?? (culprit ? `Stack in ${culprit}` : 'Pasted stack');
}

/**
 * Inserts the stack, its primary frames (`parsed.frames`, in order) and its lm modules in one transaction (a savepoint
 * when the caller is already inside one) and returns the new stack id. The full parse is kept as `parsed_json`.
 * Emits nothing: the caller emits `stacks.changed` once its own transaction has committed.
 * Throws NOT_FOUND when experimentId / dumpId name rows that do not exist.
 */
export function saveStack(deps: ServiceDeps, input: SaveStackInput): number {
  const { db } = deps;
  const now = deps.now().toISOString();
  const title = (input.title.trim() || defaultStackTitle(input.parsed)).slice(0, STACK_TITLE_MAX);
  return db.transaction(() => {
    const experimentId = input.experimentId ?? null;
    const dumpId = input.dumpId ?? null;
    if (experimentId !== null && !repo.experimentExists(db, experimentId))
      throw new ApiError('NOT_FOUND', `Experiment ${experimentId} is not in this notebook.`, 'experimentId');
    if (dumpId !== null && !repo.dumpExists(db, dumpId))
      throw new ApiError('NOT_FOUND', `Crash dump ${dumpId} is not in this notebook.`, 'dumpId');
    const id = repo.insertStack(db, {
      title,
      experimentId,
      dumpId,
      sourceKind: input.sourceKind,
      sourceText: input.sourceText,
      parsed: input.parsed,
      createdAt: now,
    });
    repo.insertFrames(db, id, input.parsed.frames);
    repo.insertModules(db, id, input.parsed.modules);
    return id;
  })();
}
