/**
 * The terminal's shell: reads lines with the LineEditor and runs `kubectl` (or `k`) commands
 * through our command layer against the in-tab API server; `help` and `clear` are its own.
 * `-f manifest.yaml` reads the editor's text. Ctrl-C ends a running `-w` or `logs -f`.
 */
import { kubeletPodLogs } from '../../src/kubelet-core/podLogs.ts';
import { runKubectl, splitCommandLine, UsageError } from '../../src/kubectl/index.ts';
import type { Playground } from '../playground/createPlayground.ts';
import type { LineEditor } from './lineEditor.ts';

export interface Shell {
  write(text: string): void;
  editor: LineEditor;
  prompt(): void;
  running: { cancel(): void } | undefined;
}

export interface ShellContext {
  playground: Playground;
  manifest(): string;
}

const RED = '\x1b[31m';
const RESET = '\x1b[0m';

export const SHELL_HELP = `The playground's terminal. It shows the selected pod's output and runs kubectl:

  kubectl get pods [-o wide|yaml|json|name] [-w]
  kubectl describe pod NAME
  kubectl logs NAME [-c CONTAINER] [-f] [--previous] [--tail N]
  kubectl apply -f manifest.yaml      (manifest.yaml is the editor's text)
  kubectl delete pod NAME [--now|--force]
  kubectl --help                      (every command it knows)

  k is short for kubectl. Ctrl-C stops a -w or -f; Up/Down recall earlier commands;
  clear (or Ctrl-L) clears the screen.
`;

export function runShellLine(shell: Shell, data: string, ctx: ShellContext): void {
  for (const ev of shell.editor.feed(data)) {
    if (ev.type === 'interrupt') {
      shell.running?.cancel();
      continue;
    }
    if (ev.type === 'clear') {
      shell.write('\x1b[2J\x1b[H');
      shell.editor.showPrompt();
      continue;
    }
    void run(shell, ev.line, ctx);
  }
}

async function run(shell: Shell, line: string, ctx: ShellContext): Promise<void> {
  const out = (text: string) => shell.editor.interrupt(text);
  const err = (text: string) => shell.editor.interrupt(`${RED}${text}${RESET}`);
  try {
    let words: string[];
    try {
      words = splitCommandLine(line);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      err(`shell: ${e.message}\n`);
      return;
    }
    const [cmd, ...args] = words;
    if (!cmd) return;
    if (cmd === 'help') return out(SHELL_HELP);
    if (cmd === 'clear') {
      shell.write('\x1b[2J\x1b[H');
      return;
    }
    if (cmd !== 'kubectl' && cmd !== 'k') {
      err(`${cmd}: command not found (this terminal runs kubectl; type "help")\n`);
      return;
    }
    const { playground } = ctx;
    const client = playground.server.client('kubectl');
    const running = runKubectl(args, {
      client,
      clock: playground.clock,
      logs: kubeletPodLogs(client, playground.kubelets),
      readFile: (path) =>
        path === 'manifest.yaml' || path === './manifest.yaml' ? ctx.manifest() : undefined,
      out,
      err,
      namespace: 'default',
    });
    shell.running = running;
    await running.done.catch((e: unknown) =>
      err(`error: ${e instanceof Error ? e.message : String(e)}\n`),
    );
  } finally {
    shell.running = undefined;
    shell.editor.showPrompt();
  }
}
