/** Long patterns built to make the analysis itself work hard; the pattern tests check them, bench/validate.bench.ts times them. */
export const HOSTILE_LONG = ['(?:\\w+\\s+)+'.repeat(40), `(?:${'ab|'.repeat(160)}b)*`, '('.repeat(249) + ')'.repeat(249), '.*x'.repeat(166), 'a*c*e*g*'.repeat(62)];
