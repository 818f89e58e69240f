/**
 * Version of the calculation engine, stored with every saved result so a re-run can tell which
 * engine produced an old answer. Kept equal to package.json's version (checked by a unit test).
 */
export const ENGINE_VERSION = '0.1.0';
