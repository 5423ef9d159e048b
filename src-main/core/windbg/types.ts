/** The parse result types live in the contract (src-main/contract/domains/stacks.ts), documented field by field. */
export type {
  ParsedBugcheck,
  ParsedOs,
  ParsedLocation,
  ParsedFrame,
  ParsedModule,
  ParsedUnloadedModule,
  ParsedWarning,
  ParsedCommand,
  ParsedStack,
  ParsedAnalysis,
  ParsedBlueScreenView,
  ParsedPaste,
} from '../../contract/domains/stacks';

/** Most unparsed lines kept. */
export const UNPARSED_LIMIT = 500;
