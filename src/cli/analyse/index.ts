import type { Command } from 'commander';
import { registerAnalyseCommands, type AnalysisCommand } from './register.ts';
import { attributionCommand } from './attribution.ts';
import { coherenceCommand } from './coherence.ts';
import { GAP_COMMAND } from './gap.ts';
import { SENSITIVITY_COMMAND, UNCERTAINTY_COMMAND } from './uncertainty.ts';

/** Every `ipindex analyse` command; each lives in its own module beside this one. */
const COMMANDS: AnalysisCommand[] = [
  attributionCommand,
  coherenceCommand,
  UNCERTAINTY_COMMAND,
  SENSITIVITY_COMMAND,
  GAP_COMMAND,
];

export function registerAnalyse(program: Command): void {
  registerAnalyseCommands(program, COMMANDS);
}
