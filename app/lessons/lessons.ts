/** The lessons in lessons/*.md, parsed at build time into the page's bundle. */
import { parseLesson, type Lesson } from '../../src/lessons/format.ts';

const files = import.meta.glob('../../lessons/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const lessons: Lesson[] = Object.entries(files)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([path, text]) => parseLesson(path.replace(/^.*\/(\d+-)?/, '').replace(/\.md$/, ''), text));

export const findLesson = (id: string | null | undefined) => lessons.find((l) => l.id === id);
