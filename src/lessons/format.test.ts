import { describe, expect, it } from 'vitest';
import { parseCheck } from './checks.ts';
import { LessonFormatError, parseLesson } from './format.ts';

const lesson = `# Title

Intro text.

## First step

Apply this.

\`\`\`yaml
kind: ConfigMap
\`\`\`

\`\`\`kubectl
kubectl get pods
\`\`\`

\`\`\`check
pod hello phase is Succeeded
# comments and blank lines are skipped

configmap c exists
\`\`\`

## Second step

\`\`\`sh
echo kept as prose
\`\`\`

\`\`\`check
pod hello is gone
\`\`\`
`;

describe('parseLesson', () => {
  it('reads the title, intro and steps with their manifest, commands and checks', () => {
    const l = parseLesson('demo', lesson);
    expect(l.title).toBe('Title');
    expect(l.intro).toBe('Intro text.');
    expect(l.steps.map((s) => s.title)).toEqual(['First step', 'Second step']);
    expect(l.steps[0]!.text).toBe('Apply this.');
    expect(l.steps[0]!.manifest).toBe('kind: ConfigMap\n');
    expect(l.steps[0]!.commands).toEqual(['kubectl get pods']);
    expect(l.steps[0]!.checks.map((c) => c.source)).toEqual([
      'pod hello phase is Succeeded',
      'configmap c exists',
    ]);
    expect(l.steps[1]!.manifest).toBeUndefined();
    expect(l.steps[1]!.text).toBe('```sh\necho kept as prose\n```');
  });

  const error = (md: string) => {
    try {
      parseLesson('bad', md);
    } catch (e) {
      expect(e).toBeInstanceOf(LessonFormatError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('names the line of an unknown check', () => {
    expect(error('# T\n## S\n```check\npod a phase is Running\npod a is happy\n```\n')).toMatch(
      /^bad:5: unknown check "pod a is happy"; a check is one of: "pod NAME phase is PHASE"/,
    );
  });

  it('names the problems of a malformed lesson', () => {
    expect(error('text first\n# T\n')).toBe(
      'bad:1: the lesson must start with a "# Title" heading',
    );
    expect(error('# T\nno steps\n')).toBe('bad:3: the lesson has no steps ("## " headings)');
    expect(error('# T\n## S\ntext\n')).toBe('bad:2: step "S" has no ```check block');
    expect(error('# T\n## S\n```yaml\na: 1\n')).toBe('bad:3: this fenced block is never closed');
    expect(error('# T\n```check\npod a exists\n```\n')).toBe(
      'bad:2: a ```check block must be inside a step ("## " heading)',
    );
    expect(error('# T\n## S\n```yaml\na: 1\n```\n```yaml\nb: 1\n```\n')).toBe(
      'bad:6: step "S" has a second manifest; a step has at most one',
    );
    expect(error('# T\n## S\n```kubectl\nrm -rf /\n```\n```check\npod a exists\n```\n')).toBe(
      'bad:4: a ```kubectl block holds kubectl commands, got "rm -rf /"',
    );
  });
});

describe('parseCheck', () => {
  it('reads every form, with namespaces', () => {
    expect(parseCheck('pod kube-system/x status is Init:0/2')).toEqual({
      kind: 'podField',
      pod: { namespace: 'kube-system', name: 'x' },
      field: 'status',
      value: 'Init:0/2',
    });
    expect(parseCheck('pod app container app restartCount >= 3')).toMatchObject({
      kind: 'restarts',
      op: '>=',
      value: 3,
    });
    expect(parseCheck('  event   BackOff for pod crasher ')).toEqual({
      kind: 'event',
      reason: 'BackOff',
      pod: { namespace: 'default', name: 'crasher' },
    });
    expect(parseCheck('secret s exists')).toMatchObject({ resource: 'secrets' });
  });
});
