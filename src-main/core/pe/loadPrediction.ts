/**
 * Static prediction of how each load method treats an image, as data for the outcome matrix.
 * The reasoning follows the loader steps of the experiment in DOMAIN.md ("The experiment that
 * shaped the product"); a prediction is a hypothesis the matrix confirms per Windows build.
 */
import type { PeAnalysis } from './peAnalysis';

import type { LoadPrediction, PredictedLoadMethod } from '../../contract/domains/pe';

export type { LoadPrediction, PredictedOutcome } from '../../contract/domains/pe';
export type LoadMethod = PredictedLoadMethod;

const NT_LOAD_DRIVER_CONTEXT =
  'Service Control Manager (sc start / StartService) -> NtLoadDriver; IopLoadDriver runs in a System-process (PID 4) worker thread, which belongs to no session';
const GDI_DRIVER_CONTEXT =
  'NtSetSystemInformation(SystemLoadGdiDriverInformation = 26) from a process in a session (as csrss.exe loads the win32k drivers at boot)';
const MANUAL_MAP_CONTEXT = 'manual mapping by a loader tool: the kernel image loader is not involved';

/** The loader steps of DOMAIN.md, specialised to the first session-image import. */
function sessionCrashSteps(module: string): string {
  return [
    `1. nt!MiResolveImageReferences calls RtlImageDirectoryEntryToData for the import directory (IMAGE_DIRECTORY_ENTRY_IMPORT).`,
    `2. It takes the module to resolve from: ${module}.`,
    `3. It walks PsLoadedModuleList, comparing names with RtlEqualUnicodeString.`,
    `4. Having found ${module}, which lives in session space, it calls MiSessionReferenceImage(base of ${module}).`,
    `5. MiSessionReferenceImage calls MiSessionLookupImage(address).`,
    `6. MiSessionLookupImage reads the current process's EPROCESS and its Session member.`,
    `7. The load runs in the System process (PID 4), which belongs to no session: Session is NULL.`,
    `8. Nothing checks it; Session + 0x58 is dereferenced and the system bugchecks.`,
  ].join('\n');
}

export function predictLoadOutcomes(analysis: PeAnalysis): LoadPrediction[] {
  const modules = [...analysis.sessionImports];
  const manualMap: LoadPrediction = {
    loadMethod: 'ManualMap',
    context: MANUAL_MAP_CONTEXT,
    predicted: 'unknown',
    reason:
      modules.length > 0
        ? `The mapper resolves imports itself; whether ${modules.join(', ')} can be resolved depends on the session and address space the tool runs in, so nothing is predicted.`
        : 'The mapper resolves imports and relocations itself; no kernel loader step is predicted to fail, and the outcome depends on the tool.',
    modules,
  };

  if (analysis.error !== undefined) {
    const reason = `The image could not be analysed (${analysis.error}), so no load outcome is predicted.`;
    return [
      { loadMethod: 'NtLoadDriver', context: NT_LOAD_DRIVER_CONTEXT, predicted: 'unknown', reason, modules },
      { loadMethod: 'SystemLoadGdiDriverInformation', context: GDI_DRIVER_CONTEXT, predicted: 'unknown', reason, modules },
      { ...manualMap, predicted: 'unknown', reason },
    ];
  }

  if (modules.length > 0) {
    return [
      {
        loadMethod: 'NtLoadDriver',
        context: NT_LOAD_DRIVER_CONTEXT,
        predicted: 'bugcheck',
        reason:
          `The image imports from session image(s) ${modules.join(', ')}. Predicted bugcheck in ` +
          `MiSessionLookupImage via MiResolveImageReferences -> MiSessionReferenceImage:\n${sessionCrashSteps(modules[0])}\n` +
          'Older Windows versions may behave differently; the outcome matrix records it per build.',
        modules,
      },
      {
        loadMethod: 'SystemLoadGdiDriverInformation',
        context: GDI_DRIVER_CONTEXT,
        predicted: 'loads',
        reason:
          `The calling process belongs to a session, so MiSessionLookupImage finds a valid Session when ` +
          `MiResolveImageReferences references ${modules.join(', ')}: the session imports are expected to resolve ` +
          '(this is how the win32k drivers themselves load). Other failures (privilege, signature policy, DriverEntry status) are not predicted.',
        modules,
      },
      manualMap,
    ];
  }

  return [
    {
      loadMethod: 'NtLoadDriver',
      context: NT_LOAD_DRIVER_CONTEXT,
      predicted: 'loads',
      reason:
        'No import comes from a session image, so MiResolveImageReferences never reaches MiSessionReferenceImage: ' +
        'no session-related failure is predicted. Failures outside this analysis (signature policy, unresolved imports, DriverEntry status) remain possible.',
      modules,
    },
    {
      loadMethod: 'SystemLoadGdiDriverInformation',
      context: GDI_DRIVER_CONTEXT,
      predicted: 'loads',
      reason: 'No import comes from a session image: no session-related failure is predicted.',
      modules,
    },
    manualMap,
  ];
}
