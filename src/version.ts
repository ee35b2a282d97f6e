// Kept in step with package.json by a test, so the bundles need no JSON import at run time.
export const VERSION = '0.1.0';
