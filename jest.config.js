// ts-jest in ESM mode: the sources are ESM (`@actions/*` are ESM-only), so tests run as ESM too.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/fast-check-seed.ts'],
  testTimeout: 60000,
};
