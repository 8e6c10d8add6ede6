/** A command's answer: text for people, a JSON document for scripts (--json). */
export interface CommandResult {
  readonly human: string;
  readonly json: unknown;
  /** Lines for stderr, printed whatever the output format (what a person must not miss). */
  readonly warnings?: string[];
  /** The exit code when the command ran but its answer is not a success (doctor's findings); default 0. */
  readonly exitCode?: number;
}

/** Left-aligned columns, for tables without a dependency. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
