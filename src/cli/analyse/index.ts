import type { Command } from 'commander';
import { registerAnalyseCommands, type AnalysisCommand } from './register.ts';

/** Every `ipindex analyse` command; each lives in its own module beside this one. */
const COMMANDS: AnalysisCommand[] = [];

export function registerAnalyse(program: Command): void {
  registerAnalyseCommands(program, COMMANDS);
}
