import {
  ApiError,
  type BugcheckParameter,
  type ParsedPaste as ContractParsedPaste,
  type Stack,
  type StackBugcheck,
  type StackFrame,
  type StackSummary,
  type stacksMethods,
} from '../../contract';
import type { ServiceDeps } from '../deps';
import type { Handlers } from '../handlers';
import { bugcheckInfo, bugcheckName } from '../reference/bugchecks';
import * as repo from '../repos/stacks';
import { clearTags, setTags } from '../repos/tags';
import { annotateFrames, parseDebuggerText, type FrameAnnotation, type KnownDriver, type ParsedPaste } from '../windbg';
import { moduleKey } from '../windbg/microsoftModules';
import { saveStack } from './stack-store';

/** The parser's output is the contract's ParsedPaste; this assignment makes the compiler check they stay identical. */
function toContract(parsed: ParsedPaste): ContractParsedPaste {
  return parsed;
}

/** Parses a paste, refusing one with nothing in it (a clear message rather than an empty stack). */
export function parsePaste(text: string): ParsedPaste {
  if (text.trim() === '')
    throw new ApiError('INVALID_REQUEST', 'The pasted text is empty: paste WinDbg, kd or BlueScreenView output.', 'text');
  return parseDebuggerText(text);
}

function codeName(code: string | null, pasted: string | null = null): string | null {
  if (code === null) return null;
  try {
    return bugcheckName(BigInt(code)) ?? pasted;
  } catch {
    return pasted;
  }
}

function toSummary(row: repo.StackSummaryRow | (repo.StackRow & { frame_count: number })): StackSummary {
  return {
    id: row.id,
    title: row.title,
    bugcheckCode: row.bugcheck_code,
    bugcheckName: codeName(row.bugcheck_code),
    osBuild: row.os_build,
    osRevision: row.os_revision,
    process: row.process_name,
    causedBy: row.caused_by,
    frameCount: row.frame_count,
    experimentId: row.experiment_id,
    experimentTitle: row.experiment_title,
    dumpId: row.dump_id,
    sourceKind: row.source_kind,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toBugcheck(parsed: ParsedPaste): StackBugcheck | null {
  const b = parsed.bugcheck;
  if (b === null) return null;
  let info: ReturnType<typeof bugcheckInfo> | null = null;
  try {
    info = bugcheckInfo(BigInt(b.code));
  } catch {
    info = null;
  }
  const param = (i: number): BugcheckParameter => ({
    value: b.params[i] ?? null,
    meaning: info?.params[i] ?? parsed.analysis?.argDescriptions[i] ?? null,
  });
  return {
    code: b.code,
    name: info?.name ?? b.name,
    summary: info?.summary ?? null,
    params: [param(0), param(1), param(2), param(3)],
  };
}

/** Empty parse, for a stored stack whose parsed_json is missing or unreadable (never from this service). */
function emptyParse(): ParsedPaste {
  return parseDebuggerText('');
}

function readParsed(row: repo.StackRow): ParsedPaste {
  try {
    const value: unknown = JSON.parse(row.parsed_json);
    if (typeof value === 'object' && value !== null && Array.isArray((value as { frames?: unknown }).frames))
      return { ...emptyParse(), ...(value as Partial<ParsedPaste>) };
  } catch {
    // fall through: the frames table still holds the frames
  }
  return emptyParse();
}

/** Drivers stored in the notebook whose names match the stack's modules, with their exports, for nearest-export lookup. */
function knownDrivers(deps: ServiceDeps, names: readonly string[]): KnownDriver[] {
  const byId = new Map<number, KnownDriver>();
  for (const row of repo.driverExportsFor(deps.db, names.map(moduleKey))) {
    let driver = byId.get(row.driver_id);
    if (!driver) {
      driver = { name: row.file_name, exports: [] };
      byId.set(row.driver_id, driver);
    }
    if (row.name !== null && row.rva !== null && row.rva > 0) driver.exports.push({ name: row.name, rva: row.rva });
  }
  return [...byId.values()];
}

function frameFromRow(row: repo.FrameRow, parsed: ParsedPaste['frames'][number] | undefined): StackFrame['parsed'] {
  if (parsed && parsed.raw === row.raw) return parsed;
  return {
    index: row.frame_index ?? row.position,
    childSp: row.child_sp,
    retAddr: row.ret_addr,
    args: JSON.parse(row.args) as string[],
    module: row.module,
    function: row.function,
    offset: row.offset,
    inline: row.inline === 1,
    sourceFile: row.source_file,
    sourceLine: row.source_line,
    raw: row.raw,
    address: null,
    params: null,
    frameDistance: null,
    trapFrame: null,
    notes: [],
  };
}

function annotationInfo(a: FrameAnnotation | undefined): StackFrame['annotation'] {
  return {
    module: a?.module ?? null,
    offset: a?.offset ?? null,
    resolvedFrom: a?.resolvedFrom ?? null,
    nearestExport: a?.nearestExport ?? null,
    microsoft: a?.microsoft ?? false,
    dispatch: a?.dispatch ?? false,
    faulting: a?.faulting ?? false,
    firstNonMicrosoft: a?.firstNonMicrosoft ?? false,
  };
}

export function stacksService(deps: ServiceDeps): Handlers<keyof typeof stacksMethods> {
  const { db } = deps;

  function rowOf(id: number): repo.StackRow {
    const row = repo.getStackRow(db, id);
    if (!row) throw new ApiError('NOT_FOUND', `Stack ${id} does not exist (it may have been deleted).`);
    return row;
  }

  function load(id: number): Stack {
    const row = rowOf(id);
    const stored = readParsed(row);
    const rows = repo.frameRows(db, id);
    // Frames come from the table (the stored truth), enriched by the full parse where it still matches.
    const parsed: ParsedPaste = { ...stored, frames: rows.map((r) => frameFromRow(r, stored.frames[r.position])) };
    const names = new Set<string>();
    for (const f of parsed.frames) if (f.module) names.add(f.module);
    for (const m of parsed.modules) names.add(m.name);
    const annotations = annotateFrames(parsed, { drivers: knownDrivers(deps, [...names]) });
    const steps = new Map(repo.linkedStepRows(db, id).map((s) => [s.id, s]));
    const tags = repo.frameTags(db, id);
    const frames: StackFrame[] = rows.map((r, i) => {
      const step = r.step_id === null ? undefined : steps.get(r.step_id);
      return {
        position: r.position,
        parsed: parsed.frames[i],
        annotation: annotationInfo(annotations.frames[i]),
        note: r.note,
        tags: tags.get(r.id) ?? [],
        stepId: r.step_id,
        step: step ? { id: step.id, functionName: step.function_name, title: step.title } : null,
      };
    });
    const summary = toSummary({ ...row, frame_count: rows.length });
    return {
      ...summary,
      bugcheckName: summary.bugcheckName ?? stored.bugcheck?.name ?? null,
      bugcheck: toBugcheck(stored),
      os: stored.os,
      faulting: stored.faulting,
      frames,
      faultingPosition: annotations.faultingIndex,
      firstNonMicrosoftPosition: annotations.firstNonMicrosoftIndex,
      modules: stored.modules,
      unparsed: stored.unparsed,
      unparsedOmitted: stored.unparsedOmitted,
      warnings: stored.warnings,
      limits: stored.limits,
      otherStacks: Math.max(0, stored.stacks.length - 1),
      sourceChars: row.source_text.length,
    };
  }

  function checkExperiment(experimentId: number | null): void {
    if (experimentId !== null && !repo.experimentExists(db, experimentId))
      throw new ApiError('NOT_FOUND', `Experiment ${experimentId} is not in this notebook.`, 'experimentId');
  }

  return {
    'stacks.parse': ({ text }) => toContract(parsePaste(text)),

    'stacks.create': ({ text, title, experimentId, sourceKind }) => {
      const parsed = parsePaste(text);
      const id = saveStack(deps, {
        title: title ?? '',
        sourceKind: sourceKind ?? 'paste',
        sourceText: text,
        parsed,
        experimentId: experimentId ?? null,
      });
      deps.events.emit('stacks.changed', { id, action: 'created' });
      return load(id);
    },

    'stacks.list': (filter) => repo.listStackRows(db, filter).map(toSummary),

    'stacks.get': ({ id }) => load(id),

    'stacks.update': ({ id, title, experimentId }) => {
      db.transaction(() => {
        const row = rowOf(id);
        const next = { title: title ?? row.title, experimentId: experimentId === undefined ? row.experiment_id : experimentId };
        checkExperiment(next.experimentId);
        repo.updateStack(db, id, next, deps.now().toISOString());
      })();
      deps.events.emit('stacks.changed', { id, action: 'updated' });
      return load(id);
    },

    'stacks.delete': ({ id }) => {
      const deleted = load(id);
      db.transaction(() => {
        for (const frameId of repo.frameIds(db, id)) clearTags(db, 'frame', frameId);
        clearTags(db, 'stack', id);
        db.prepare("DELETE FROM links WHERE (from_type = 'stack' AND from_id = ?) OR (to_type = 'stack' AND to_id = ?)").run(id, id);
        repo.deleteStack(db, id);
      })();
      deps.events.emit('stacks.changed', { id, action: 'deleted' });
      return deleted;
    },

    'frames.annotate': ({ stackId, position, note, tags, stepId }) => {
      db.transaction(() => {
        rowOf(stackId);
        const frame = repo.frameRow(db, stackId, position);
        if (!frame)
          throw new ApiError('NOT_FOUND', `Stack ${stackId} has no frame at position ${position}.`, 'position');
        const nextStep = stepId === undefined ? frame.step_id : stepId;
        if (nextStep !== null && !repo.loaderStepExists(db, nextStep))
          throw new ApiError('NOT_FOUND', `Loader step ${nextStep} is not in this notebook.`, 'stepId');
        repo.updateFrame(db, frame.id, { note: note ?? frame.note, stepId: nextStep });
        if (tags) setTags(db, 'frame', frame.id, tags);
        repo.touchStack(db, stackId, deps.now().toISOString());
      })();
      deps.events.emit('stacks.changed', { id: stackId, action: 'annotated' });
      const frame = load(stackId).frames.find((f) => f.position === position);
      if (!frame) throw new ApiError('NOT_FOUND', `Stack ${stackId} has no frame at position ${position}.`, 'position');
      return frame;
    },
  };
}
