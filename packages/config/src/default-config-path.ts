import { fileURLToPath } from 'node:url';

/**
 * The example config shipped in the repo (CONTRACT §2: TIERDESK_CONFIG's default). src/ and dist/
 * sit at the same depth, so the same relative step works under vitest and from the build.
 */
export const DEFAULT_CONFIG_PATH: string = fileURLToPath(new URL('../../../config/tierdesk.example.json', import.meta.url));
