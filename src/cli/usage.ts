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

  eval '<logic-json>' ['<data-json>'] [--trace]
      Evaluates one JSON-Logic expression with the evaluator rules use (same operators, limits and errors)
      against the data (default {}) and prints the result as JSON. NaN and Infinity print as null, as JSON
      has no other way to write them. The Jira date operators read "now" (epoch ms) from the data, e.g.
          ruleforge eval '{"daysSince": {"var": "created"}}' '{"created": "2026-01-01", "now": 1767398400000}'
      A failure prints "<CODE>: <message> (at <json-pointer>)" on stderr (the pointer is inside the expression,
      left out when the expression as a whole failed); an argument that is not JSON prints "NOT_JSON: ...".
      --trace   prints {"result", "trace"} instead: every operator evaluated, with its arguments and result
                (capped). On a failure, {"error", "trace"} is still printed.

  test <rule.json> (--event <event.json> | --issue <issue.json>) [--now ISO]
      Dry-runs a rule: validates it (problems print as validate prints them, on stderr), then decides what it
      would do on that input, without doing it, and prints
          {"matched", "status", "let", "actions", "trace"}
      status is not-triggered, out-of-scope, not-matched, matched or failed; a failed run adds "error":
      {"code", "message", "path"}, with a JSON Pointer into the rule, also printed on stderr as
      "<CODE>: <message> (at <path>)". Action values that are not what the action takes (a comment body that is
      not text, an account id that is a number) fail with INVALID_ACTION_VALUE.
      --event FILE   a Forge product event payload: {"eventType", "atlassianId", "issue", "changelog", "comment"}.
      --issue FILE   an issue {"id", "key", "fields"} as Jira's REST API returns it: a schedule rule runs as a
                     tick due and fired at --now, any other rule as a manual run on that issue (no event,
                     changelog or comment; the trigger's event filter is not applied).
      --now ISO      the run's "now", e.g. 2026-03-28T09:00:00Z; a date alone is midnight UTC. Default: now.
      The rule runs as version 0 (rule.version): a file is not a saved version.

  help, --help, -h
      Prints this text.

Exit codes:
  0  success (every rule valid; eval printed a result; test completed a dry run, matched or not)
  1  a rule, cron or time zone is invalid; an eval argument is not JSON; an expression or a dry run failed
  2  usage error: unknown command or option, missing argument, a path that does not exist, no .json files,
     an event or issue file that is not JSON or not an event or issue
  70 internal error in ruleforge itself (please report it)`;
