/**
 * The lesson format: Markdown. The first `# ` heading is the title and the text after it the
 * introduction; each `## ` heading starts a step. A step may carry one ```yaml fenced block (the
 * manifest the learner applies), ```kubectl blocks (commands to type in the terminal, one per
 * line, shown with a button that runs them), and must carry one ```check block, one check per line
 * (src/lessons/checks.ts). Everything else is prose shown beside the playground.
 */
import { CheckSyntaxError, parseCheck, type Check } from './checks.ts';

export interface LessonStep {
  title: string;
  /** Markdown prose, the manifest and check blocks removed. */
  text: string;
  manifest?: string;
  /** kubectl command lines the step asks for, in order (each starts with `kubectl`). */
  commands: string[];
  checks: { source: string; check: Check }[];
}

export interface Lesson {
  id: string;
  title: string;
  intro: string;
  steps: LessonStep[];
}

export class LessonFormatError extends Error {
  override name = 'LessonFormatError';
  constructor(
    readonly lesson: string,
    readonly line: number,
    message: string,
  ) {
    super(`${lesson}:${line}: ${message}`);
  }
}

interface StepDraft {
  line: number;
  title: string;
  text: string[];
  manifest?: string;
  commands: string[];
  checks: { source: string; check: Check }[];
}

interface Fence {
  lang: string;
  start: number;
  body: string[];
}

/** Parses a lesson. @throws LessonFormatError with the line of the problem. */
export function parseLesson(id: string, markdown: string): Lesson {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const fail = (line: number, message: string) => new LessonFormatError(id, line, message);
  let title: string | undefined;
  const intro: string[] = [];
  const steps: StepDraft[] = [];
  let fence: Fence | undefined;

  const closeFence = (f: Fence) => {
    const step = steps.at(-1);
    if (f.lang === 'yaml' || f.lang === 'check' || f.lang === 'kubectl') {
      if (!step)
        throw fail(f.start, `a \`\`\`${f.lang} block must be inside a step ("## " heading)`);
      if (f.lang === 'yaml') {
        if (step.manifest !== undefined) {
          throw fail(f.start, `step "${step.title}" has a second manifest; a step has at most one`);
        }
        step.manifest = f.body.join('\n') + '\n';
        return;
      }
      if (f.lang === 'kubectl') {
        f.body.forEach((command, k) => {
          if (!command.trim()) return;
          if (!/^kubectl\s/.test(command.trim())) {
            throw fail(
              f.start + 1 + k,
              `a \`\`\`kubectl block holds kubectl commands, got "${command.trim()}"`,
            );
          }
          step.commands.push(command.trim());
        });
        return;
      }
      f.body.forEach((source, k) => {
        if (!source.trim() || source.trim().startsWith('#')) return;
        try {
          step.checks.push({ source: source.trim(), check: parseCheck(source) });
        } catch (e) {
          if (e instanceof CheckSyntaxError) throw fail(f.start + 1 + k, e.message);
          throw e;
        }
      });
      return;
    }
    (step ? step.text : intro).push('```' + f.lang, ...f.body, '```');
  };

  lines.forEach((line, i) => {
    const n = i + 1;
    if (fence) {
      if (/^```\s*$/.test(line)) {
        closeFence(fence);
        fence = undefined;
      } else fence.body.push(line);
      return;
    }
    const open = /^```(\w*)\s*$/.exec(line);
    if (open) {
      fence = { lang: open[1]!, start: n, body: [] };
      return;
    }
    const h1 = /^# (.+)$/.exec(line);
    if (h1 && title === undefined) {
      title = h1[1]!.trim();
      return;
    }
    if (title === undefined) {
      if (line.trim()) throw fail(n, 'the lesson must start with a "# Title" heading');
      return;
    }
    const h2 = /^## (.+)$/.exec(line);
    if (h2) steps.push({ line: n, title: h2[1]!.trim(), text: [], commands: [], checks: [] });
    else (steps.at(-1)?.text ?? intro).push(line);
  });

  if (fence) throw fail(fence.start, 'this fenced block is never closed');
  if (title === undefined) throw fail(1, 'the lesson has no "# Title" heading');
  if (steps.length === 0) throw fail(lines.length, 'the lesson has no steps ("## " headings)');
  for (const s of steps) {
    if (s.checks.length === 0) throw fail(s.line, `step "${s.title}" has no \`\`\`check block`);
  }
  return {
    id,
    title,
    intro: intro.join('\n').trim(),
    steps: steps.map((s) => ({
      title: s.title,
      text: s.text.join('\n').trim(),
      ...(s.manifest !== undefined ? { manifest: s.manifest } : {}),
      commands: s.commands,
      checks: s.checks,
    })),
  };
}
