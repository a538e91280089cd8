import { z } from 'zod';

/**
 * A zod schema built the first time it parses, not when its module is imported. Building the ~100 response and
 * record schemas eagerly cost about 70 ms of CPU on every start (zod builds each field's checks up front), though
 * a program uses a handful: a cold `auth()` needs keystone's, a `server list` nova's. The result is a real zod
 * schema (it nests, `z.infer` sees through it); what it cannot do is what needs the shape before a parse
 * (`.extend`, `.shape`), so those stay eager.
 *
 * @example
 * export const rawRoleSchema = lazySchema(() => z.looseObject({ id: z.string(), name: z.string() }));
 */
export function lazySchema<T extends z.ZodType>(build: () => T): z.ZodLazy<T> {
  return z.lazy(build);
}
