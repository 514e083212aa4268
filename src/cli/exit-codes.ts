/** DESIGN.md: 0 fine, 1 findings at or above the failure threshold, 2 bad input or usage, 3 engine or connection failure. */
export const EXIT = { ok: 0, findings: 1, badInput: 2, engine: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
