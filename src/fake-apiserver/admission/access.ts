/** Typed reads of decoded JSON objects, absent and mistyped values reading as Go zero values. */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (o: Obj | undefined, key: string): Obj | undefined =>
  o && isObj(o[key]) ? (o[key] as Obj) : undefined;
const none: Obj[] = [];
/** The objects of a list field; the array itself when every element is an object (do not mutate it). */
export function list(o: Obj | undefined, key: string): Obj[] {
  const v = o?.[key];
  if (!Array.isArray(v)) return none;
  for (let i = 0; i < v.length; i++) if (!isObj(v[i])) return v.map((x) => (isObj(x) ? x : {}));
  return v as Obj[];
}
export const strings = (o: Obj | undefined, key: string): string[] =>
  o && Array.isArray(o[key])
    ? (o[key] as unknown[]).map((v) => (typeof v === 'string' ? v : ''))
    : [];
export const str = (o: Obj | undefined, key: string): string =>
  o && typeof o[key] === 'string' ? (o[key] as string) : '';
export const num = (o: Obj | undefined, key: string): number =>
  o && typeof o[key] === 'number' ? (o[key] as number) : 0;
/** A pointer field: undefined when absent. */
export const optNum = (o: Obj | undefined, key: string): number | undefined =>
  o && typeof o[key] === 'number' ? (o[key] as number) : undefined;
export const optStr = (o: Obj | undefined, key: string): string | undefined =>
  o && typeof o[key] === 'string' ? (o[key] as string) : undefined;
export const bool = (o: Obj | undefined, key: string): boolean => o?.[key] === true;
export const has = (o: Obj | undefined, key: string): boolean =>
  o !== undefined && o[key] !== undefined && o[key] !== null;
export const stringMap = (o: Obj | undefined, key: string): Record<string, string> | undefined =>
  o && isObj(o[key]) ? (o[key] as Record<string, string>) : undefined;
