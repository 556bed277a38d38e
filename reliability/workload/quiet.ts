/** Keeps the app's expected warnings off the terminal while a scenario runs, and counts them (or hands them to `keep`). */
export function silenceConsole(keep?: (line: string) => void): { readonly lines: number; restore(): void } {
  const levels = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = levels.map((level) => Object.getOwnPropertyDescriptor(console, level));
  const state = { lines: 0 };
  for (const level of levels) {
    console[level] = (...args: unknown[]) => {
      state.lines += 1;
      keep?.(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    };
  }
  return {
    get lines() {
      return state.lines;
    },
    restore() {
      for (const [i, level] of levels.entries()) {
        const descriptor = saved[i];
        if (descriptor !== undefined) Object.defineProperty(console, level, descriptor);
      }
    },
  };
}
