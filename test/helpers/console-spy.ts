/** Captures console.warn while a test runs, so a test can assert what the widget told the developer. */
export function spyWarnings() {
  const original = console.warn;
  const lines: string[] = [];
  return {
    lines,
    start() {
      lines.length = 0;
      console.warn = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    },
    stop() {
      console.warn = original;
    },
  };
}
