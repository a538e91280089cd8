import type { TokenProvider } from '../../src/auth/token-provider.js';

/** A token provider handing out `tok-1`, `tok-2`, … and remembering what was refused. */
export function fakeTokens(secrets: string[] = []): TokenProvider & { issued: number; refused: string[] } {
  let current: string | undefined;
  const state = {
    issued: 0,
    refused: [] as string[],
    async getToken() {
      if (!current) {
        state.issued++;
        current = `tok-${state.issued}`;
      }
      return current;
    },
    invalidate(token: string) {
      state.refused.push(token);
      if (current === token) current = undefined;
    },
    secrets: () => [...secrets, ...(current ? [current] : [])],
  };
  return state;
}
