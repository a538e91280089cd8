/**
 * Container and object names: what Swift accepts, and how they go into a URL.
 */
import { InvalidInputError } from '../errors/index.js';

/**
 * Checks a container name before any request: not empty, no `/`, at most `maxLength` bytes (UTF-8).
 * @throws InvalidInputError naming the container and why.
 *
 * @example
 * checkContainerName('backups'); // ok
 * checkContainerName('a/b');     // InvalidInputError: container name "a/b": a container name cannot contain "/" …
 */
export function checkContainerName(name: string, maxLength = 256): void {
  const what = `container name ${JSON.stringify(name)}`;
  if (typeof name !== 'string' || name.length === 0) throw new InvalidInputError({ what, why: 'a container needs a name' });
  if (name.includes('/')) throw new InvalidInputError({ what, why: 'a container name cannot contain "/" (Swift reads it as container/object); put the part after "/" in the object name instead' });
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > maxLength) throw new InvalidInputError({ what, why: `it is ${bytes} bytes long, this cluster allows ${maxLength}` });
}

/**
 * Checks an object name: not empty, at most `maxLength` bytes.
 * @throws InvalidInputError
 *
 * @example
 * checkObjectName('logs/2026/12/05.txt');
 */
export function checkObjectName(name: string, maxLength = 1024): void {
  const what = `object name ${JSON.stringify(name)}`;
  if (typeof name !== 'string' || name.length === 0) throw new InvalidInputError({ what, why: 'an object needs a name' });
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > maxLength) throw new InvalidInputError({ what, why: `it is ${bytes} bytes long, this cluster allows ${maxLength}` });
}

/**
 * The path of a container (and object) under the account endpoint, each part URL-encoded; an object name's `/`
 * are kept.
 *
 * @example
 * objectPath('c 1', 'a b/c.txt') // '/c%201/a%20b/c.txt'
 * objectPath('c1') // '/c1'
 */
export function objectPath(container: string, object?: string): string {
  const c = `/${encodeURIComponent(container)}`;
  return object === undefined ? c : `${c}/${object.split('/').map(encodeURIComponent).join('/')}`;
}
