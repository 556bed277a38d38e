// Every manifest handler is `index.<export>`; this file only re-exports, so each function's bundle stays its own.
export { onJiraEvent } from './entry/jira-event.js';
export { onWork } from './entry/work.js';
export { adminResolver } from './entry/admin-resolver.js';
export { onScheduleTick } from './entry/schedule-tick.js';
