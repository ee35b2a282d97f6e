// Lets `node --import ./bench/register.mjs some.ts` run the TypeScript sources directly, with no
// extra dependency: .ts files are transpiled on load by the project's own `typescript`, and the
// NodeNext-style `./x.js` specifiers are resolved to `./x.ts` when only the .ts file exists.
// Node 20.6+ through 24 have module.register (hooks on a loader thread; on 22/24 they run before
// the built-in type stripping); a Node without it gets the same hooks through registerHooks.
import * as mod from 'node:module';

if (typeof mod.register === 'function') {
  mod.register('./ts-hooks.mjs', import.meta.url);
} else {
  const { load, resolve } = await import('./ts-hooks.mjs');
  mod.registerHooks({ resolve, load });
}
