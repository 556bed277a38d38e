/** The one help text: `ruleforge --help`, `ruleforge help`, `ruleforge <command> --help`. */
export const USAGE = `Usage: ruleforge <command> [options]

Commands:
  validate <file|dir>... [--json]
      Validates rule documents. Directories are searched recursively for *.json files, in sorted order,
      skipping node_modules and directories whose name starts with ".". Named files are always read.
      Each problem is one line on stdout:
          <file>:<json-pointer> <CODE> <message>
      where the JSON Pointer is empty for the file as a whole (rules/a.json: NOT_JSON ...) and has any
      whitespace or "%" percent-encoded, so the first space ends the location. A valid file prints
      "<file>: ok". Two valid files with the same id make the later one invalid (DUPLICATE_VALUE at /id).
      A summary ("3 files, 2 valid, 1 invalid") goes to stderr.
      --json   stdout is one JSON array of {"file", "ok", "issues": [{"path", "code", "message"}]}.

  schema
      Prints the rule document's JSON Schema (draft 2020-12).

  next-runs <rule.json | "cron"> [--tz Zone] [--from ISO] [-n N]
      Describes a schedule and prints its next due times, one per line: "<UTC>  <local time with offset>".
      A rule file must be valid and have a schedule trigger; its cron and timezone are used. Anything else is
      read as a five-field cron (quote it) in UTC.
      --tz Zone       IANA time zone, e.g. Europe/Berlin; overrides the rule's timezone.
      --from ISO      start after this instant, e.g. 2026-03-28T00:00:00Z or 2026-03-28T00:00+01:00; a date
                      alone means midnight UTC. Default: now.
      -n, --count N   how many due times, 1 to 100. Default: 5.

  help, --help, -h
      Prints this text.

Exit codes:
  0  success (every rule valid)
  1  a rule, cron or time zone is invalid
  2  usage error: unknown command or option, missing argument, a path that does not exist, no .json files
  70 internal error in ruleforge itself (please report it)`;
