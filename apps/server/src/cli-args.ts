/** `command [sub] --flag value --flag=value`: positional words and flags. */
export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string>;
}

/** Flags that take no value: present means 'true'. */
export const SWITCH_FLAGS: ReadonlySet<string> = new Set(['help', 'dryRun']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') {
      flags.help = 'true';
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    if (SWITCH_FLAGS.has(camel(arg.slice(2)))) {
      flags[camel(arg.slice(2))] = 'true';
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq !== -1) {
      flags[camel(arg.slice(2, eq))] = arg.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`the flag ${arg} needs a value`);
    flags[camel(arg.slice(2))] = next;
    i += 1;
  }
  return { positional, flags };
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}
