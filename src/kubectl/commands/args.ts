/**
 * Command lines: a POSIX-shell-like word splitter for the terminal, and kubectl's flag parsing
 * (pflag's rules: `--flag value`, `--flag=value`, `-n value`, `-nvalue`, combined booleans `-Aw`,
 * `--` ends flags), with pflag's error texts.
 */

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Splits a command line into words: single and double quotes, backslash escapes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!))
        word += line[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new UsageError(`unexpected end of line: the ${quote} quote is never closed`);
  if (inWord) words.push(word);
  return words;
}

export interface FlagSpec {
  /** Long name without dashes. */
  name: string;
  short?: string;
  kind: 'bool' | 'string' | 'int' | 'strings';
}

export interface Parsed {
  args: string[];
  flags: Map<string, string | boolean | number | string[]>;
}

/** pflag parsing of `argv` against `specs`; errors in pflag's words. */
export function parseFlags(argv: string[], specs: FlagSpec[], command: string): Parsed {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: Parsed['flags'] = new Map();
  const args: string[] = [];
  const see = `\nSee '${command} --help' for usage.`;
  const set = (spec: FlagSpec, raw: string | undefined, shown: string) => {
    if (spec.kind === 'bool') {
      if (raw === undefined) return flags.set(spec.name, true);
      if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False|T|F)$/.test(raw)) {
        throw new UsageError(
          `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax${see}`,
        );
      }
      return flags.set(spec.name, /^(true|1|t|TRUE|True|T)$/.test(raw));
    }
    if (raw === undefined) throw new UsageError(`flag needs an argument: ${shown}${see}`);
    if (spec.kind === 'int') {
      if (!/^-?\d+$/.test(raw)) {
        throw new UsageError(
          `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax${see}`,
        );
      }
      return flags.set(spec.name, Number(raw));
    }
    if (spec.kind === 'strings') {
      const prev = (flags.get(spec.name) as string[] | undefined) ?? [];
      return flags.set(spec.name, [...prev, ...raw.split(',')]);
    }
    return flags.set(spec.name, raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq >= 0 ? eq : undefined);
      const spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}${see}`);
      let value = eq >= 0 ? a.slice(eq + 1) : undefined;
      if (value === undefined && spec.kind !== 'bool') value = argv[++i];
      set(spec, value, `--${name}`);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new UsageError(`unknown shorthand flag: '${c}' in ${a}${see}`);
        if (spec.kind === 'bool') {
          if (a[j + 1] === '=') {
            set(spec, a.slice(j + 2), `-${c}, --${spec.name}`);
            break;
          }
          set(spec, undefined, `-${c}, --${spec.name}`);
          continue;
        }
        let value = a.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '') value = argv[++i] ?? '';
        if (value === '' && i >= argv.length) {
          throw new UsageError(`flag needs an argument: '${c}' in -${c}${see}`);
        }
        set(spec, value, `-${c}, --${spec.name}`);
        break;
      }
    } else args.push(a);
  }
  return { args, flags };
}
