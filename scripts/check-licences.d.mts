// Types for scripts/check-licences.mjs (a plain Node script, so CI runs it without a build step).
export declare const ALLOWED: ReadonlySet<string>;
export declare const FAMILY_EXCEPTIONS: readonly { family: string; licenceFile: string; mustContain: string; reason: string }[];
export declare function spdxAllowed(expression: string, allowed?: ReadonlySet<string>): boolean;
export declare function licenceOf(pkg: { license?: unknown; licenses?: unknown }): string;
export declare function decide(
  pkg: { name: string; license?: unknown; licenses?: unknown },
  readFile: (file: string) => string | null,
): { allowed: boolean; why: string };
export declare function checkLicences(root: string): { key: string; licence: string; shippedBy: string[]; allowed: boolean; why: string }[];
