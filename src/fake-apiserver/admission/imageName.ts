/**
 * Image references as Kubernetes' parsers.ParseImageName reads them (the distribution/reference
 * grammar, docker.io normalization): enough to know the tag that decides the default
 * imagePullPolicy. An unparsable reference has no tag, so it defaults to IfNotPresent, as in Go.
 */

const alnum = '[a-z0-9]+';
const separator = '(?:[_.]|__|[-]*)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referenceRE = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
const digestLengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ImageReference {
  /** The repository without tag or digest. */
  name: string;
  tag: string;
  digest: string;
}

/** Parses a reference; undefined when Kubernetes would fail to parse it. */
export function parseImageReference(image: string): ImageReference | undefined {
  const m = referenceRE.exec(image);
  if (!m) return undefined;
  const [, repo, t = '', d = ''] = m;
  if (repo!.length > 255) return undefined;
  if (/^[a-f0-9]{64}$/.test(repo!)) return undefined; // a bare image ID is not a name
  if (d) {
    const [algorithm, hex] = d.split(':') as [string, string];
    if (digestLengths[algorithm] !== hex.length) return undefined;
  }
  return { name: repo!, tag: t, digest: d };
}

/**
 * The tag ParseImageName reports: the given one, `latest` when there is neither tag nor digest, ''
 * when only a digest is given or the reference does not parse.
 */
export function parseImageTag(image: string): string {
  const ref = parseImageReference(image);
  if (!ref) return '';
  return ref.tag || (ref.digest ? '' : 'latest');
}
