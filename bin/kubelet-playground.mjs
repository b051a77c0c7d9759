#!/usr/bin/env node
// `kubelet-playground [--port 8080] [--speed 10] ...`: serve mode (src/serve/node/main.ts),
// run from its TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/serve/node/main.ts');
