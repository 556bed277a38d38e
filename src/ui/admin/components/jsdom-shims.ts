// What jsdom lacks and the page's packages need when they load: import this first in component tests.
// @atlaskit/tokens listens for the colour scheme at import time.
if (typeof window.matchMedia !== 'function') {
  const noop = (): void => undefined;
  // Older listeners (addListener) included: some packages still call them.
  window.matchMedia = (query: string): MediaQueryList => Object.assign(new EventTarget(), {
    matches: false, media: query, onchange: null, addListener: noop, removeListener: noop,
  });
}
