/**
 * Serve mode's command line: --help, usage errors and the options, parsed without a server; and
 * main.ts itself for --help and an unknown option, which must answer without starting one.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseServeArgs, usage } from './args.ts';

const hint = "Try 'kubelet-playground --help' for more information.\n";

describe('parseServeArgs', () => {
  it('has the defaults with no arguments', () => {
    expect(parseServeArgs([])).toEqual({
      kind: 'serve',
      args: {
        port: 8080,
        address: '127.0.0.1',
        allowRemote: false,
        speed: 1,
        nodeName: 'playground',
        insecureRegistries: [],
        verbose: false,
      },
    });
  });

  it('reads every option', () => {
    expect(
      parseServeArgs([
        '--port=0',
        '--address',
        '::1',
        '--allow-remote',
        '--speed',
        '2.5',
        '--insecure-registry',
        'localhost:5000',
        '--insecure-registry=10.0.0.1:80',
        '--node-name',
        'n1',
        '-v',
      ]),
    ).toEqual({
      kind: 'serve',
      args: {
        port: 0,
        address: '::1',
        allowRemote: true,
        speed: 2.5,
        nodeName: 'n1',
        insecureRegistries: ['localhost:5000', '10.0.0.1:80'],
        verbose: true,
      },
    });
  });

  it('--help and -h give the usage text, one line per option', () => {
    expect(parseServeArgs(['--help'])).toEqual({ kind: 'help', text: usage() });
    expect(parseServeArgs(['--speed', '3', '-h'])).toEqual({ kind: 'help', text: usage() });
    const text = usage();
    expect(text).toMatch(/^Usage: kubelet-playground \[OPTION\]\.\.\.\n/);
    for (const option of [
      /^ {6}--port PORT +port to listen on, 0 for any \(default 8080\)$/m,
      /^ {6}--address ADDRESS +.*\(default 127\.0\.0\.1\)$/m,
      /^ {6}--allow-remote +\S/m,
      /^ {6}--speed N +.*\(default 1\)$/m,
      /^ {6}--insecure-registry HOST:PORT +\S.*\(repeatable\)$/m,
      /^ {6}--node-name NAME +.*\(default playground\)$/m,
      /^ {2}-v, --verbose +\S/m,
      /^ {2}-h, --help +print this help and exit$/m,
    ]) {
      expect(text).toMatch(option);
    }
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('an unknown option, a stray argument or a bad value is a usage error that names it', () => {
    const error = (message: string) => ({
      kind: 'error',
      message,
      text: `kubelet-playground: ${message}\n${hint}`,
    });
    expect(parseServeArgs(['--bogus'])).toEqual(error("unknown option '--bogus'"));
    expect(parseServeArgs(['--bogus=1', '--help'])).toEqual(error("unknown option '--bogus'"));
    expect(parseServeArgs(['-vx'])).toEqual(error("unknown option '-x'"));
    expect(parseServeArgs(['serve'])).toEqual(error("unexpected argument 'serve'"));
    expect(parseServeArgs(['--', 'x'])).toEqual(error("unexpected argument 'x'"));
    expect(parseServeArgs(['--port'])).toEqual(error("option '--port' needs a value"));
    expect(parseServeArgs(['--port', '--speed', '2'])).toEqual(
      error("option '--port' needs a value"),
    );
    expect(parseServeArgs(['--verbose=yes'])).toEqual(error("option '--verbose' takes no value"));
    expect(parseServeArgs(['--port', 'http'])).toEqual(
      error("--port must be a port number (0 to 65535), got 'http'"),
    );
    expect(parseServeArgs(['--port', '65536'])).toEqual(
      error("--port must be a port number (0 to 65535), got '65536'"),
    );
    for (const speed of ['0', '-1', 'fast', '']) {
      expect(parseServeArgs([`--speed=${speed}`])).toEqual(
        error(`--speed must be a positive number, got '${speed}'`),
      );
    }
  });
});

describe('main.ts', () => {
  const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', main, ...args], {
      timeout: 15_000,
    }).then(
      (r) => ({ ...r, code: 0 }),
      (e: { stdout: string; stderr: string; code: number }) => e,
    );

  it('--help prints the usage to stdout and exits 0', async () => {
    const r = await run('--help');
    expect(r).toMatchObject({ stdout: usage(), stderr: '', code: 0 });
  });

  it('an unknown option says so on stderr, without a stack, and exits 2', async () => {
    const r = await run('--bogus');
    expect(r).toMatchObject({
      stdout: '',
      stderr: `kubelet-playground: unknown option '--bogus'\n${hint}`,
      code: 2,
    });
  });
});
