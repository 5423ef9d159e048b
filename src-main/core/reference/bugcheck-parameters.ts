/**
 * What the four bug check parameters mean, for the codes people meet most often.
 *
 * Paraphrased from the per-code pages of Microsoft Learn's "Bug check code reference"
 * (https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2,
 * e.g. .../bug-check-0x7e--system-thread-exception-not-handled). `null` means the page gives no
 * meaning (reserved, or varies with another parameter in a way one line cannot say).
 */
export interface BugcheckParameterDoc {
  /** One sentence: what the bug check says happened. */
  summary: string;
  /** Meaning of parameters 1..4. */
  params: [string | null, string | null, string | null, string | null];
}

const DEPENDS = 'Depends on parameter 1';

export const BUGCHECK_PARAMETERS: ReadonlyMap<number, BugcheckParameterDoc> = new Map<number, BugcheckParameterDoc>([
  [
    0x01,
    {
      summary: 'The APC state index of the thread did not match on return from a system call or worker routine.',
      params: [
        'Address of the system function (system call) or worker routine',
        "The current thread's ApcStateIndex",
        "The current thread's CombinedApcDisable ((SpecialApcDisable << 16) | KernelApcDisable)",
        'Call type: 0 system call, 1 worker routine',
      ],
    },
  ],
  [
    0x0a,
    {
      summary: 'Kernel-mode code touched paged or invalid memory at a raised IRQL.',
      params: [
        'Memory address referenced',
        'IRQL at the time of the reference',
        'Access: bit 0 clear = read, set = write; bit 3 set = execute',
        'Address of the instruction that referenced the memory',
      ],
    },
  ],
  [
    0x19,
    {
      summary: 'A pool header is corrupt.',
      params: ['Type of violation', DEPENDS, DEPENDS, DEPENDS],
    },
  ],
  [
    0x1a,
    {
      summary: 'A severe memory management error occurred.',
      params: ['Subtype of the memory management violation', DEPENDS, DEPENDS, DEPENDS],
    },
  ],
  [
    0x1e,
    {
      summary: 'A kernel-mode program raised an exception that no handler caught.',
      params: [
        'Exception code that was not handled',
        'Address at which the exception occurred',
        'Exception information parameter 0',
        'Exception information parameter 1',
      ],
    },
  ],
  [
    0x24,
    {
      summary: 'A problem occurred in ntfs.sys.',
      params: [
        'Source file and line number that raised the bug check',
        'Address of the exception record, if NtfsExceptionFilter is on the stack',
        'Address of the context record, if NtfsExceptionFilter is on the stack',
        null,
      ],
    },
  ],
  [
    0x3b,
    {
      summary: 'An exception happened while executing a routine that transitions from user to kernel mode.',
      params: [
        'The exception that caused the bug check',
        'Address of the instruction that caused the exception',
        'Address of the context record for the exception',
        null,
      ],
    },
  ],
  [
    0x4e,
    {
      summary: 'The page frame number (PFN) list is corrupt.',
      params: ['Type of violation', DEPENDS, DEPENDS, DEPENDS],
    },
  ],
  [
    0x50,
    {
      summary: 'Invalid system memory was referenced.',
      params: [
        'Memory address referenced',
        'Access: 0 read, 2 write, 0x10 execute (before Windows 10 1507: 0 read, 1 write)',
        'Address of the instruction that referenced the memory, if known',
        'Type of page fault',
      ],
    },
  ],
  [
    0x7a,
    {
      summary: 'A page of kernel data could not be read from the paging file into memory.',
      params: [
        'Lock type held, or the page table entry (PTE) address',
        'I/O status code',
        'Current process, or the PTE contents',
        'Virtual address that could not be paged in, or the paging file offset',
      ],
    },
  ],
  [
    0x7b,
    {
      summary: 'Windows lost access to the system partition during startup.',
      params: ['Address of a UNICODE_STRING or of the device object that could not be mounted', null, null, null],
    },
  ],
  [
    0x7e,
    {
      summary: 'A system thread raised an exception that the error handler did not catch.',
      params: [
        'Exception code that was not handled',
        'Address at which the exception occurred',
        'Address of the exception record',
        'Address of the context record',
      ],
    },
  ],
  [
    0x7f,
    {
      summary: 'The CPU raised a trap the kernel did not catch (e.g. 8 = double fault).',
      params: ['Trap number (processor exception vector)', null, null, null],
    },
  ],
  [
    0x8e,
    {
      summary: 'A kernel-mode application raised an exception that the error handler did not catch.',
      params: ['Exception code that was not handled', 'Address at which the exception occurred', 'Trap frame', null],
    },
  ],
  [
    0x9f,
    {
      summary: 'A driver is in an inconsistent or invalid power state.',
      params: [
        'Type of violation (e.g. 3: a device object blocked an IRP for too long)',
        'Physical device object of the stack (for type 3)',
        'Functional device object, or nt!TRIAGE_9F_POWER (for type 3)',
        'The blocked IRP (for type 3)',
      ],
    },
  ],
  [
    0xbe,
    {
      summary: 'A driver tried to write to read-only memory.',
      params: ['Virtual address of the attempted write', 'PTE contents', null, null],
    },
  ],
  [
    0xc1,
    {
      summary: 'A driver wrote to an invalid section of special pool.',
      params: [null, null, null, 'Type of violation (parameters 1–3 depend on it)'],
    },
  ],
  [
    0xc2,
    {
      summary: 'The current thread is making a bad pool request.',
      params: ['Type of violation', DEPENDS, DEPENDS, DEPENDS],
    },
  ],
  [
    0xc4,
    {
      summary: 'Driver Verifier caught a driver violating a rule.',
      params: ['Type of violation', DEPENDS, DEPENDS, DEPENDS],
    },
  ],
  [
    0xc5,
    {
      summary: 'The system accessed invalid memory at too high an IRQL; usually a driver corrupted the pool.',
      params: [
        'Memory address referenced',
        'IRQL at the time of the reference',
        'Access: 0 read, 1 write',
        'Address of the instruction that referenced the memory',
      ],
    },
  ],
  [
    0xce,
    {
      summary: 'A driver unloaded without cancelling its pending operations.',
      params: ['Memory address referenced', 'Access: 0 read, 1 write', 'Address that referenced the memory, if known', null],
    },
  ],
  [
    0xd1,
    {
      summary: 'A driver accessed paged or invalid memory at DISPATCH_LEVEL or above.',
      params: [
        'Memory address referenced',
        'IRQL at the time of the reference',
        'Access: 0 read, 1 write, 2 or 8 execute',
        'Address of the instruction that referenced the memory',
      ],
    },
  ],
  [
    0xd5,
    {
      summary: 'A driver referenced memory that it had already freed (special pool).',
      params: ['Memory address referenced', 'Access: 0 read, 1 write', 'Address that referenced the memory, if known', null],
    },
  ],
  [
    0xd6,
    {
      summary: 'A driver accessed memory beyond the end of its pool allocation.',
      params: ['Memory address referenced', 'Access: 0 read, 1 write', 'Address that referenced the memory, if known', null],
    },
  ],
  [
    0xe2,
    {
      summary: 'The user deliberately started a crash (keyboard CrashOnCtrlScroll or the debugger).',
      params: [null, null, null, null],
    },
  ],
  [
    0xea,
    {
      summary: 'A thread in a device driver is endlessly spinning.',
      params: [
        'The thread object of the stuck thread',
        'The DEFERRED_WATCHDOG object',
        'The name of the offending driver',
        'Number of times this bug check was intercepted (kernel debugger)',
      ],
    },
  ],
  [
    0xef,
    {
      summary: 'A critical system process died.',
      params: ['The process object', '0: a process terminated, 1: a thread terminated', null, null],
    },
  ],
  [
    0xf4,
    {
      summary: 'A process or thread crucial to system operation exited or was terminated.',
      params: [
        'Object type: 3 process, 6 thread',
        'The terminating object',
        'Process image file name',
        'Pointer to an ASCII explanatory message',
      ],
    },
  ],
  [
    0xf7,
    {
      summary: 'A driver overran a stack-based buffer (/GS cookie mismatch).',
      params: [
        'Actual security cookie found on the stack',
        'Expected security cookie',
        'Bit-complement of the expected cookie',
        null,
      ],
    },
  ],
  [
    0xfc,
    {
      summary: 'An attempt was made to execute non-executable memory.',
      params: ['Virtual address whose execution was attempted', 'PTE contents', null, null],
    },
  ],
  [
    0xfe,
    {
      summary: 'An error occurred in a USB driver.',
      params: ['Type of USB violation', DEPENDS, DEPENDS, DEPENDS],
    },
  ],
  [
    0x101,
    {
      summary: 'An expected clock interrupt on a secondary processor was not received in time.',
      params: [
        'Clock interrupt time-out interval, in nominal clock ticks',
        null,
        'Address of the PRCB of the unresponsive processor',
        'Index of the hung processor',
      ],
    },
  ],
  [
    0x109,
    {
      summary: 'Critical kernel code or data was modified (PatchGuard).',
      params: [null, null, null, 'Type of the corrupted region'],
    },
  ],
  [
    0x10d,
    {
      summary: 'The Kernel-Mode Driver Framework detected a driver error.',
      params: ['Type of violation', DEPENDS, DEPENDS, DEPENDS],
    },
  ],
  [
    0x116,
    {
      summary: 'The display driver did not recover from a time-out (TDR).',
      params: [
        'The TDR recovery context',
        'Pointer into the responsible device driver module',
        'Error code of the last failed operation',
        'Internal context-dependent data',
      ],
    },
  ],
  [
    0x124,
    {
      summary: 'A fatal hardware error occurred (WHEA).',
      params: [
        'Type of error source',
        'Address of the WHEA_ERROR_RECORD structure',
        'High 32 bits of MCi_STATUS (machine check) or 0',
        'Low 32 bits of MCi_STATUS (machine check) or 0',
      ],
    },
  ],
  [
    0x133,
    {
      summary: 'The DPC watchdog fired: too long at DISPATCH_LEVEL or above.',
      params: [
        '0: a single DPC or ISR ran too long; 1: the system spent too long cumulatively at DISPATCH_LEVEL',
        'DPC time count in ticks (type 0) or the watchdog period (type 1)',
        'DPC time allotment in ticks (type 0) or nt!DPC_WATCHDOG_GLOBAL_TRIAGE_BLOCK (type 1)',
        null,
      ],
    },
  ],
  [
    0x139,
    {
      summary: 'The kernel detected corruption of a critical data structure (fast fail).',
      params: [
        'Type of corruption (e.g. 3: LIST_ENTRY corruption)',
        'Address of the trap frame for the exception',
        'Address of the exception record',
        null,
      ],
    },
  ],
  [
    0x13a,
    {
      summary: 'The kernel-mode heap manager detected corruption in a heap.',
      params: [
        'Type of corruption',
        'Address of the heap that reported the corruption',
        'Address at which the corruption was detected',
        null,
      ],
    },
  ],
  [
    0x144,
    {
      summary: 'An error occurred in the USB 3 driver stack.',
      params: ['Type of USB 3 violation', DEPENDS, DEPENDS, DEPENDS],
    },
  ],
  [
    0x154,
    {
      summary: 'The store component caught an unexpected exception.',
      params: ['Pointer to the store context or data manager', 'Exception information', null, null],
    },
  ],
  [
    0xc000021a,
    {
      summary: 'A critical user-mode subsystem (Winlogon or CSRSS) failed.',
      params: ['A string that identifies the problem', 'Error code', null, null],
    },
  ],
  [
    0xdeaddead,
    {
      summary: 'The user deliberately started a crash (e.g. the debugger `.crash` or NotMyFault).',
      params: [null, null, null, null],
    },
  ],
]);
