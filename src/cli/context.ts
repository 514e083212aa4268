import type { ExitCode } from './exit-codes.js';
import type { Terminal } from './terminal.js';

/** What every command gets from the program: the terminal (global flags applied) and how to exit. */
export interface CommandContext {
  terminal(): Terminal;
  exit(code: ExitCode): void;
}
