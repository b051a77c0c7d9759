/**
 * `npm run serve -- [--port 8080] [--address 127.0.0.1 [--allow-remote]] [--speed 10]
 * [--insecure-registry host:port ...] [--node-name NAME] [-v] [--help]`: the playground's cluster
 * behind the Kubernetes API, for the real kubectl. Ctrl-C stops it. The options are in args.ts.
 */
import { parseServeArgs, PROGRAM } from './args.ts';

const parsed = parseServeArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  process.stdout.write(parsed.text);
  process.exitCode = 0;
} else if (parsed.kind === 'error') {
  process.stderr.write(parsed.text);
  process.exitCode = 2;
} else {
  const time = () => new Date().toISOString().slice(11, 23);
  const log = (line: string) => console.log(`${time()} ${line}`);
  try {
    // Loaded only to serve: --help and usage errors answer without loading the cluster.
    const { serve } = await import('./serve.ts');
    const serving = await serve({ ...parsed.args, log });
    const stop = () => {
      log('stopping');
      void serving.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (e) {
    console.error(`${PROGRAM} serve: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
