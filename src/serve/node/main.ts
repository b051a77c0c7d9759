/**
 * `npm run serve -- [--port 8080] [--address 127.0.0.1 [--allow-remote]] [--speed 10]
 * [--insecure-registry host:port ...] [--node-name NAME] [-v]`: the playground's cluster behind
 * the Kubernetes API, for the real kubectl. Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { serve } from './serve.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    address: { type: 'string', default: '127.0.0.1' },
    'allow-remote': { type: 'boolean', default: false },
    speed: { type: 'string', default: '1' },
    'insecure-registry': { type: 'string', multiple: true, default: [] },
    'node-name': { type: 'string', default: 'playground' },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});

const time = () => new Date().toISOString().slice(11, 23);
const log = (line: string) => console.log(`${time()} ${line}`);
try {
  const speed = Number(values.speed);
  if (!Number.isFinite(speed) || speed <= 0)
    throw new Error(`--speed must be a positive number, got "${values.speed}"`);
  const serving = await serve({
    port: Number(values.port),
    address: values.address,
    allowRemote: values['allow-remote'],
    speed,
    nodeName: values['node-name'],
    insecureRegistries: values['insecure-registry'],
    verbose: values.verbose,
    log,
  });
  const stop = () => {
    log('stopping');
    void serving.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  console.error(`kubelet-playground serve: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
