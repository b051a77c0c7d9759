/**
 * The lessons menu: ids and titles only, read from each file's first heading at build time, so
 * the lesson texts and their machinery load only when a lesson is opened.
 */
const titles = import.meta.glob('../../lessons/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const lessonIndex = Object.entries(titles)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([path, text]) => ({
    id: path.replace(/^.*\/(\d+-)?/, '').replace(/\.md$/, ''),
    title: /^# (.+)$/m.exec(text)?.[1]?.trim() ?? path,
  }));
