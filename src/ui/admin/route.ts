/** The page's places, kept in location.hash so a view can be linked to, reloaded and reached by the back button. */
export type Route =
  | { view: 'rules' }
  | { view: 'editor'; ruleId: string | null }
  | { view: 'executions'; ruleId?: string; executionId?: string }
  | { view: 'runs'; ruleId?: string; runId?: string }
  | { view: 'audit' }
  | { view: 'settings' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const opt = (name: string): { [k: string]: string } => {
    const value = params.get(name);
    return value === null || value === '' ? {} : { [name]: value };
  };
  switch (parts[0]) {
    case 'rules':
      if (parts[1] === 'new') return { view: 'editor', ruleId: null };
      return parts[1] === undefined ? { view: 'rules' } : { view: 'editor', ruleId: parts[1] };
    case 'executions':
      return { view: 'executions', ...opt('ruleId'), ...(parts[1] === undefined ? {} : { executionId: parts[1] }) };
    case 'runs':
      return { view: 'runs', ...opt('ruleId'), ...(parts[1] === undefined ? {} : { runId: parts[1] }) };
    case 'audit':
      return { view: 'audit' };
    case 'settings':
      return { view: 'settings' };
    default:
      return { view: 'rules' };
  }
}

export function routeHash(route: Route): string {
  const q = (params: Record<string, string | undefined>): string => {
    const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
    return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
  };
  switch (route.view) {
    case 'rules':
      return '#/rules';
    case 'editor':
      return route.ruleId === null ? '#/rules/new' : `#/rules/${encodeURIComponent(route.ruleId)}`;
    case 'executions':
      return `#/executions${route.executionId === undefined ? '' : `/${encodeURIComponent(route.executionId)}`}${q({ ruleId: route.ruleId })}`;
    case 'runs':
      return `#/runs${route.runId === undefined ? '' : `/${encodeURIComponent(route.runId)}`}${q({ ruleId: route.ruleId })}`;
    case 'audit':
      return '#/audit';
    case 'settings':
      return '#/settings';
  }
}

export type Navigate = (route: Route) => void;
