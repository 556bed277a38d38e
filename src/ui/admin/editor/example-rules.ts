// Test support: the project's example rules (rules/*.json), loaded by Vite at test time (no file system in src/ui).

declare global {
  interface ImportMeta {
    glob<T>(pattern: string, options: { eager: true; import: 'default' }): Record<string, T>;
  }
}

const modules = import.meta.glob<Record<string, unknown>>('../../../../rules/*.json', { eager: true, import: 'default' });

/** [file name, document] for every example rule, in file order. */
export const EXAMPLE_RULES: [string, Record<string, unknown>][] = Object.entries(modules)
  .map(([path, document]): [string, Record<string, unknown>] => [path.replace(/^.*\//, ''), document])
  .sort(([a], [b]) => a.localeCompare(b));
