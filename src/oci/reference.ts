/**
 * Image references, parsed the way the kubelet parses them: distribution/reference's
 * `ParseNormalizedNamed` (v0.6, the version Kubernetes v1.33 vendors), ported from its grammar:
 *
 * ```
 * reference  := name [ ":" tag ] [ "@" digest ]
 * name       := [domain "/"] path-component ["/" path-component]*
 * domain     := host [":" port]         host := domain-name | "[" ipv6 "]"
 * path-component := [a-z0-9]+ (separator [a-z0-9]+)*     separator := [._] | "__" | "-"+
 * tag        := [\w][\w.-]{0,127}
 * digest     := algorithm ":" hex{32,}
 * ```
 * Error texts are the library's, so the kubelet's InvalidImageName message reads as it does in
 * a real cluster.
 */
import { ImagePullError } from '../kubelet-core/ports.ts';
import { validateDigest } from './digest.ts';

/** A normalized reference: `hello` becomes domain `docker.io`, path `library/hello`, tag unset. */
export interface ImageReference {
  /** The registry host, with port when given: `docker.io`, `127.0.0.1:5000`, `[::1]:5000`. */
  domain: string;
  /** The repository inside the registry: `library/hello`, `org/app`. */
  path: string;
  tag?: string;
  digest?: string;
}

/** A reference the grammar rejects; `message` is distribution/reference's error text. */
export class ReferenceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceFormatError';
  }
}

/** Docker Hub, the registry a name without a domain means (we serve it from the built-in one). */
export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const REPOSITORY_NAME_MAX = 255;

const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
/** One path component, e.g. `hello-world`: also the rule for a module name in the built-in registry. */
export const PATH_COMPONENT = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const remoteName = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRe = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const nameRe = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const identifierRe = /^[a-f0-9]{64}$/;

/**
 * Parses and normalizes a reference as `reference.ParseNormalizedNamed` does.
 * @throws ReferenceFormatError with the library's message, e.g. `invalid reference format`.
 */
export function parseNormalizedNamed(image: string): ImageReference {
  if (identifierRe.test(image)) {
    throw new ReferenceFormatError(
      `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`,
    );
  }
  const [domain, remainder] = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new ReferenceFormatError(
      `invalid reference format: repository name (${remote}) must be lowercase`,
    );
  }
  return parse(`${domain}/${remainder}`);
}

function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const slash = name.indexOf('/');
  // A name with no slash is "familiar" (`ubuntu:22.04`), never `host:port`.
  if (slash === -1) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const first = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  let domain: string;
  let remainder: string;
  // localhost, anything with "." or ":" (a host or IP), or an uppercase first element is a domain.
  if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
    [domain, remainder] = [first, rest];
  } else {
    [domain, remainder] = [DEFAULT_DOMAIN, name];
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) {
    remainder = OFFICIAL_REPO_PREFIX + remainder;
  }
  return [domain, remainder];
}

function parse(s: string): ImageReference {
  const m = referenceRe.exec(s);
  if (!m) {
    if (s === '')
      throw new ReferenceFormatError('repository name must have at least one component');
    if (referenceRe.test(s.toLowerCase())) {
      throw new ReferenceFormatError('repository name must be lowercase');
    }
    throw new ReferenceFormatError('invalid reference format');
  }
  const [, name = '', tag, digest] = m;
  const n = nameRe.exec(name);
  const ref: ImageReference = { domain: n?.[1] ?? '', path: n?.[2] ?? name };
  if (ref.path.length > REPOSITORY_NAME_MAX) {
    throw new ReferenceFormatError(
      `repository name must not be more than ${REPOSITORY_NAME_MAX} characters`,
    );
  }
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) {
    const problem = validateDigest(digest);
    if (problem) throw new ReferenceFormatError(problem);
    ref.digest = digest;
  }
  return ref;
}

/**
 * `domain/path[:tag][@digest]`, the fully qualified form containerd prints. The domain is empty
 * only for odd names whose first element looks like a host but is not one (`a_b.c/d`): the
 * library accepts those without a domain.
 */
export function formatReference(ref: ImageReference): string {
  return `${ref.domain ? `${ref.domain}/` : ''}${ref.path}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/**
 * The kubelet's `applyDefaultImageTag`: appends `:latest` when the reference has neither tag nor
 * digest, and otherwise returns it unchanged (never qualified with `docker.io/`). The kubelet
 * uses the result in its events (`Pulling image "hello:latest"`).
 * @throws ImagePullError `InvalidImageName` with the kubelet's message for unparsable references.
 */
export function applyDefaultImageTag(image: string): string {
  let ref: ImageReference;
  try {
    ref = parseNormalizedNamed(image);
  } catch (err) {
    throw invalidImageName(image, err);
  }
  if (ref.digest === undefined && ref.tag === undefined) return `${image}:latest`;
  return image;
}

/** The kubelet's InvalidImageName error for `image`, wrapping the parser's complaint. */
export function invalidImageName(image: string, err: unknown): ImagePullError {
  const why = err instanceof Error ? err.message : String(err);
  return new ImagePullError(
    'InvalidImageName',
    `Failed to apply default image tag ${goQuote(image)}: couldn't parse image name ${goQuote(image)}: ${why}`,
  );
}

/** Go's `%q` for the strings we quote: JSON escaping matches it for printable text. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
