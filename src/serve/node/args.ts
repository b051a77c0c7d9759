/**
 * Serve mode's command line: the options, their --help text, and the parsing, apart from main.ts
 * so that a test can parse without starting a server.
 */
import { parseArgs } from 'node:util';

export const PROGRAM = 'kubelet-playground';

/** What main.ts hands to serve(), from the command line. */
export interface ServeArgs {
  port: number;
  address: string;
  allowRemote: boolean;
  speed: number;
  nodeName: string;
  insecureRegistries: string[];
  verbose: boolean;
}

export type ParsedArgs =
  | { kind: 'serve'; args: ServeArgs }
  /** `--help`: print `text` to stdout, exit 0. */
  | { kind: 'help'; text: string }
  /** A usage error: print `text` (the error, then a hint to use --help) to stderr, exit 2. */
  | { kind: 'error'; message: string; text: string };

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean | string[];
  /** The name of the option's value in --help (string options). */
  value?: string;
  help: string;
}

/** In --help's order. */
const options = {
  port: { type: 'string', value: 'PORT', default: '8080', help: 'port to listen on, 0 for any' },
  address: { type: 'string', value: 'ADDRESS', default: '127.0.0.1', help: 'address to listen on' },
  'allow-remote': {
    type: 'boolean',
    default: false,
    help: 'allow a non-loopback --address (no auth)',
  },
  speed: { type: 'string', value: 'N', default: '1', help: 'run the clock N times faster' },
  'insecure-registry': {
    type: 'string',
    value: 'HOST:PORT',
    multiple: true,
    default: [],
    help: 'allow plain HTTP to HOST:PORT (repeatable)',
  },
  'node-name': { type: 'string', value: 'NAME', default: 'playground', help: "the node's name" },
  verbose: { type: 'boolean', short: 'v', default: false, help: 'log every request too' },
  help: { type: 'boolean', short: 'h', default: false, help: 'print this help and exit' },
} as const satisfies Record<string, OptionSpec>;

const specs: Record<string, OptionSpec> = options;

export function usage(): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    const dflt = typeof spec.default === 'string' ? ` (default ${spec.default})` : '';
    return [flag, `${spec.help}${dflt}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: ${PROGRAM} [OPTION]...`,
    `  or:  npm run serve -- [OPTION]...`,
    '',
    "Serve the playground's cluster (API server, scheduler, kubelet) behind the Kubernetes REST",
    'API, for the real kubectl: kubectl -s http://127.0.0.1:8080 get pods. Ctrl-C stops it.',
    '',
    'Options:',
    ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
    '',
  ].join('\n');
}

function usageError(message: string): ParsedArgs {
  return {
    kind: 'error',
    message,
    text: `${PROGRAM}: ${message}\nTry '${PROGRAM} --help' for more information.\n`,
  };
}

/** Parses serve mode's arguments (process.argv.slice(2)); never throws, never exits. */
export function parseServeArgs(argv: readonly string[]): ParsedArgs {
  // Not strict: the tokens say which argument is wrong, and the messages are ours.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') return usageError(`unexpected argument '${token.value}'`);
    const spec = specs[token.name];
    if (!spec) return usageError(`unknown option '${token.rawName}'`);
    if (spec.type === 'boolean' && token.value !== undefined)
      return usageError(`option '${token.rawName}' takes no value`);
    if (token.name === 'help') return { kind: 'help', text: usage() };
    // `--port --speed 2` would take "--speed" as the port.
    if (
      spec.type === 'string' &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))
    )
      return usageError(`option '${token.rawName}' needs a value`);
  }
  const { values: v } = parseArgs({ args: [...argv], options, allowPositionals: true });
  const port = Number(v.port);
  if (!/^\d+$/.test(v.port) || port > 65535)
    return usageError(`--port must be a port number (0 to 65535), got '${v.port}'`);
  const speed = Number(v.speed);
  if (v.speed.trim() === '' || !Number.isFinite(speed) || speed <= 0)
    return usageError(`--speed must be a positive number, got '${v.speed}'`);
  return {
    kind: 'serve',
    args: {
      port,
      address: v.address,
      allowRemote: v['allow-remote'],
      speed,
      nodeName: v['node-name'],
      insecureRegistries: v['insecure-registry'],
      verbose: v.verbose,
    },
  };
}
