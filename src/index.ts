// The action's entry point: everything happens in run().
//
// main.js is loaded only after the runner's event proved usable: @actions/github (which main.js
// and the API client import) parses GITHUB_EVENT_PATH while its modules load, so a missing,
// garbled or incomplete event file would otherwise end in a bare stack trace, or in a scan of
// nothing that passes. Here it ends in one error naming the problem and exit code 1
// (docs/exit-codes.md). `webpackMode: "eager"` keeps main.js in the one bundled file.
import * as core from '@actions/core';
import { EventError, readWorkflowEvent } from './changes/event.js';

let usable = true;
try {
  readWorkflowEvent(process.env);
} catch (err) {
  if (!(err instanceof EventError)) throw err;
  core.setFailed(`api-key-guard: ${err.message}`);
  usable = false;
}
if (usable) {
  const { run } = await import(/* webpackMode: "eager" */ './main.js');
  await run();
}
